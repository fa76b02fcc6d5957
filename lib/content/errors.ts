// Every content problem is reported as `file:line: what is wrong`, so an author can jump to it.

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'ContentError';
  }
}

/** Several problems in one chapter at once (an author fixes them in one pass). */
export class ContentErrors extends Error {
  constructor(readonly problems: ContentError[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'ContentError';
  }
}
