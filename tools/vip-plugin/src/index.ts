export { featureGenerator } from './generators/feature/generator';
export type { FeatureGeneratorSchema } from './generators/feature/schema';
