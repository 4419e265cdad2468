/**
 * The linear program of the audit (ADR 035): what an attacker can know about
 * the cells of one year's catalogue from everything published. Variables are
 * the cells that are not known; the constraints are the catalogue's
 * relations with the known cells put in, and non-negativity. One program for
 * the whole catalogue: all tables are linked through their shared cells and
 * the total.
 *
 * Solved with HiGHS (npm `highs`, compiled to WebAssembly): loaded once per
 * process; one persistent model per audit, re-solved with a new objective
 * per bound (the simplex starts from the previous basis).
 */
import highsModule, { type Highs, type Model } from 'highs';
import { ALL_CELLS, RELATIONS } from './catalogue.ts';
import type { CellKey } from './types.ts';

// The package declares its loader as an ES default export in a CommonJS
// package: TypeScript sees the module object, Node's ES import the function.
type Loader = typeof highsModule.default;
const loadHighs: Loader = typeof highsModule === 'function' ? highsModule : highsModule.default;

let solver: Promise<Highs> | undefined;

/** The solver, loaded on first use and shared by every audit of the process. */
function highs(): Promise<Highs> {
  solver ??= loadHighs();
  return solver;
}

export type Bounds = { min: number; max: number };

/** A linear expression over cells: Σ coef·cell. */
export type Expression = readonly (readonly [CellKey, number])[];

export class InconsistentCountsError extends Error {
  override name = 'InconsistentCountsError';
}

/**
 * The attacker's linear program for one set of known cells. `known` maps a
 * cell to its value where the attacker knows it (published now, or published
 * unchanged earlier); every other cell of the catalogue is a variable ≥ 0.
 * Dispose of it after use: the model lives in WebAssembly memory.
 */
export class AttackerLp {
  private readonly column = new Map<CellKey, number>();
  private readonly model: Model;
  private readonly known: ReadonlyMap<CellKey, number>;
  private readonly highs: Highs;
  private costed: number[] = [];
  /** Linear programs solved so far, for the benchmark. */
  solves = 0;

  static async create(known: ReadonlyMap<CellKey, number>): Promise<AttackerLp> {
    return new AttackerLp(await highs(), known);
  }

  private constructor(h: Highs, known: ReadonlyMap<CellKey, number>) {
    this.highs = h;
    this.known = known;
    for (const k of ALL_CELLS) if (!known.has(k)) this.column.set(k, this.column.size);
    // Each relation with the known cells moved to the right-hand side; a
    // relation over known cells only is a check on the counts.
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const rel of RELATIONS) {
      let constant = 0;
      const terms: [number, number][] = [];
      for (const [cell, coef] of rel.terms) {
        const col = this.column.get(cell);
        if (col === undefined) constant += coef * known.get(cell)!;
        else terms.push([col, coef]);
      }
      if (terms.length === 0) {
        if (rel.sense === 'eq' ? constant !== 0 : constant < 0)
          throw new InconsistentCountsError(`known cells violate ${rel.terms.map(([k]) => k).join(' + ')}`);
        continue;
      }
      terms.sort((a, b) => a[0] - b[0]);
      for (const [col, coef] of terms) {
        indices.push(col);
        values.push(coef);
      }
      starts.push(indices.length);
      rowLower.push(-constant);
      rowUpper.push(rel.sense === 'eq' ? -constant : h.infinity);
    }
    const numCols = this.column.size;
    const numRows = rowLower.length;
    this.model = h.createModel({
      numCols,
      numRows,
      colCost: new Float64Array(numCols),
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(h.infinity),
      rowLower,
      rowUpper,
      matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    });
    this.model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
  }

  /** Is the cell a variable (not known to the attacker)? */
  isVariable(cell: CellKey): boolean {
    return this.column.has(cell);
  }

  /** The smallest and largest value of an expression over everything the attacker may assume. */
  bounds(expression: Expression): Bounds {
    return { min: this.optimum(expression, 'minimize').value, max: this.optimum(expression, 'maximize').value };
  }

  /**
   * The smallest or largest value of an expression, with the point where it
   * is reached (none where the value is unbounded): every such point is a
   * data set the attacker cannot rule out, so it bounds other expressions too.
   */
  optimum(expression: Expression, sense: 'minimize' | 'maximize'): { value: number; point?: Float64Array } {
    let constant = 0;
    for (const col of this.costed) this.model.changeColCost(col, 0);
    this.costed = [];
    for (const [cell, coef] of expression) {
      const col = this.column.get(cell);
      if (col === undefined) constant += coef * this.known.get(cell)!;
      else {
        this.model.changeColCost(col, coef);
        this.costed.push(col);
      }
    }
    if (this.costed.length === 0) return { value: constant };
    this.solves++;
    const { objectiveSense, modelStatus } = this.highs.constants;
    this.model.changeObjectiveSense(objectiveSense[sense]);
    this.model.run();
    const status = this.model.getModelStatus();
    if (status === modelStatus.optimal)
      return {
        value: constant + this.model.getObjectiveValue(),
        point: this.model.getSolution().colValue,
      };
    if (status === modelStatus.unbounded) return { value: sense === 'maximize' ? Infinity : -Infinity };
    if (status === modelStatus.infeasible)
      throw new InconsistentCountsError('the published cells contradict the relations of the catalogue');
    throw new Error(`the solver stopped with model status ${status}`);
  }

  /** The value of an expression at a point returned by `optimum`. */
  evaluate(point: Float64Array, expression: Expression): number {
    let v = 0;
    for (const [cell, coef] of expression) {
      const col = this.column.get(cell);
      v += coef * (col === undefined ? this.known.get(cell)! : point[col]!);
    }
    return v;
  }

  dispose(): void {
    this.model.dispose();
  }
}
