declare module 'taskcluster-lib-scopes' {
  export type ScopeExpression = string | { AnyOf: ScopeExpression[] } | { AllOf: ScopeExpression[] };
  export function satisfiesExpression(scopeset: string[], expression: ScopeExpression): boolean;
  export function scopesSatisfying(scopeset: string[], expression: ScopeExpression): string[] | undefined;
  export function removeGivenScopes(scopeset: string[], expression: ScopeExpression): ScopeExpression | null;
  export function patternMatch(pattern: string, scope: string): boolean;
}
