// A range of the file text, shared by the model, findings and refusals.

/** Half-open range of JS string offsets into the file text. */
export interface Span {
  start: number;
  end: number;
}
