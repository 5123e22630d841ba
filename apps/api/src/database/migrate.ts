import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

/** Applies pending migrations with TypeORM, on a connection of its own that is closed afterwards. */
export async function runMigrations(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
