// Module hooks that make `@duckdb/node-api` impossible to import, as on a platform where the optional
// dependency did not install: the spawned bin must then say so in one error line.

interface ResolveContext {
  readonly parentURL?: string | undefined;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<unknown> {
  if (specifier === '@duckdb/node-api' || specifier.startsWith('@duckdb/')) {
    const error = new Error(`Cannot find package '${specifier}' (hidden by a test)`) as Error & { code: string };
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
