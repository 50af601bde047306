// Types of the generated standalone validators (scripts/write-validators.ts).
import type { ValidateFunction } from 'ajv';
export declare const scenario: ValidateFunction;
export declare const grader: ValidateFunction;
export declare const exam: ValidateFunction;
