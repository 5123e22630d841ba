import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { createTestDatabase } from './support/databases';

describe('schema drift', () => {
  it('the entities declare exactly what the migrations create: migration:generate finds nothing', async () => {
    const database = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
    try {
      // The very queries `npm run migration:generate` would write into a new migration.
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      const drift = upQueries.map((query) => query.query);
      if (drift.length > 0) {
        console.error(`Entities and migrations disagree; migration:generate would write:\n${drift.join(';\n')}`);
      }
      expect(drift).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
