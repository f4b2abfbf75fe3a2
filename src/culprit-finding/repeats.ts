/**
 * Jobs that re-run the failing test several times (Firefox CI's confirm-failures re-runs failing tests with
 * `--repeat=4`, i.e. 5 runs; mozilla/gecko-dev taskcluster/gecko_taskgraph/actions/confirm_failure.py). One such
 * job gives several observations of the test for one job and far less machine time than the whole chunk, but its
 * runs share a machine and a start-up, so they may agree more often than independent runs would.
 *
 * Model, with correlation ρ: with probability ρ the job's runs share one outcome (all fail with p, else all pass),
 * otherwise they are independent Bernoulli(p). ρ = 0 is R independent runs; ρ = 1 is one run. Either way each run
 * fails with probability p.
 */

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials.push(logFactorials[k - 1]! + Math.log(k));
  return logFactorials[n]!;
}

/** P(x of the job's R runs fail | each fails at p, correlation ρ). */
export function repeatJobProbability(x: number, repeats: number, p: number, correlation: number): number {
  const logChoose = logFactorial(repeats) - logFactorial(x) - logFactorial(repeats - x);
  const fails = x === 0 ? 0 : x * Math.log(p);
  const passes = repeats - x === 0 ? 0 : (repeats - x) * Math.log1p(-p);
  const independent = (1 - correlation) * Math.exp(logChoose + fails + passes);
  const shared = correlation * ((x === repeats ? p : 0) + (x === 0 ? 1 - p : 0));
  return independent + shared;
}

export function validateCorrelation(correlation: number): void {
  if (!(correlation >= 0 && correlation <= 1)) throw new RangeError('repeatCorrelation must be in [0, 1]');
}
