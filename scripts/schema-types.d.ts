/** The generated source of each types file, as the schema says it should be now. */
export function generatedTypes(): Promise<Array<{ file: string; source: string }>>;
