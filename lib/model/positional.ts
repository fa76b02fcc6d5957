// Position encodings as numbers a widget can draw: the fixed sinusoids of Vaswani et al. 2017
// (§3.5) and the cosine similarity between every pair of positions. Plain arrays, no tfjs.

/**
 * PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)).
 * Returns a row-major [positions, d] Float32Array.
 */
export function sinusoidalEncoding(positions: number, d: number): Float32Array {
  if (!Number.isInteger(positions) || positions < 1) throw new Error(`sinusoidalEncoding: positions must be a positive integer (got ${positions})`);
  if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) throw new Error(`sinusoidalEncoding: d must be an even integer ≥ 2 (got ${d})`);
  const out = new Float32Array(positions * d);
  for (let pos = 0; pos < positions; pos++) {
    for (let i = 0; i < d / 2; i++) {
      const angle = pos / 10000 ** ((2 * i) / d);
      out[pos * d + 2 * i] = Math.sin(angle);
      out[pos * d + 2 * i + 1] = Math.cos(angle);
    }
  }
  return out;
}

/** Cosine similarity between the rows of a row-major [rows, d] matrix: a [rows, rows] matrix. */
export function cosineSimilarityMatrix(values: Float32Array, rows: number, d: number): Float32Array {
  if (values.length !== rows * d) throw new Error(`cosineSimilarityMatrix: ${values.length} values is not ${rows} rows × ${d}`);
  const norms = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += values[r * d + k] ** 2;
    norms[r] = Math.sqrt(s) || 1;
  }
  const out = new Float32Array(rows * rows);
  for (let a = 0; a < rows; a++) {
    for (let b = a; b < rows; b++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += values[a * d + k] * values[b * d + k];
      out[a * rows + b] = out[b * rows + a] = dot / (norms[a] * norms[b]);
    }
  }
  return out;
}

/** The first `rows` rows of a row-major [*, d] matrix. */
export function firstRows(values: Float32Array, rows: number, d: number): Float32Array {
  return values.subarray(0, rows * d);
}
