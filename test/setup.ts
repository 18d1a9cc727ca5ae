/**
 * Jest setup for every test file: property tests run with a fixed seed unless FC_SEED says otherwise, so a test run
 * (and what the oracle then judges) is the same every time; `FC_SEED=random` explores.
 */
import * as fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed === undefined ? 20261130 : Number(seed) });
