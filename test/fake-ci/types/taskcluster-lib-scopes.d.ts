// Minimal typing for taskcluster-lib-scopes (the package ships no types).
declare module 'taskcluster-lib-scopes' {
  export type ScopeExpression = string | { AllOf: ScopeExpression[] } | { AnyOf: ScopeExpression[] };
  export function satisfiesExpression(scopeset: string[], expression: ScopeExpression): boolean;
  export function removeGivenScopes(scopeset: string[], expression: ScopeExpression): ScopeExpression | null;
  export function scopeUnion(a: string[], b: string[]): string[];
  export function scopeIntersection(a: string[], b: string[]): string[];
  export function patternMatch(pattern: string, scope: string): boolean;
  export function normalizeScopeSet(scopes: string[]): string[];
  export function validScope(scope: string): boolean;
  const scopes: {
    satisfiesExpression: typeof satisfiesExpression;
    removeGivenScopes: typeof removeGivenScopes;
    scopeUnion: typeof scopeUnion;
    scopeIntersection: typeof scopeIntersection;
    patternMatch: typeof patternMatch;
    normalizeScopeSet: typeof normalizeScopeSet;
  };
  export default scopes;
}
