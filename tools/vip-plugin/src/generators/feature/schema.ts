export interface FeatureGeneratorSchema {
  /** kebab-case, e.g. `vehicles`. */
  name: string;
  skipFormat?: boolean;
  /** The migration's timestamp; defaults to now (tests pin it). */
  timestamp?: number;
}
