/**
 * Bytes in, complete lines out, each with the byte offset where it starts. Offsets (not
 * line numbers) identify a line because a follower that starts at a file's end or at a
 * saved offset never saw the lines before it; both the importer and the follower see the
 * same offset for the same line, so their event ids agree.
 */
export interface Line {
  text: string;
  offset: number;
}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** `offset` is where the next byte pushed sits in the file. */
  constructor(private offset = 0) {}

  /** The file offset just after the last complete line returned. */
  get consumed(): number {
    return this.offset;
  }

  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const part = chunk.subarray(start, nl);
      const bytes = this.pendingBytes > 0 ? Buffer.concat([...this.pending, part]) : part;
      lines.push({ text: bytes.toString('utf8'), offset: this.offset });
      this.offset += bytes.length + 1;
      this.pending = [];
      this.pendingBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.pending.push(Buffer.from(chunk.subarray(start)));
      this.pendingBytes += chunk.length - start;
    }
    return lines;
  }

  /** The unterminated last line, if any: the file is finished (EOF of an import, or rotated). */
  flush(): Line | undefined {
    if (this.pendingBytes === 0) return undefined;
    const line = { text: Buffer.concat(this.pending).toString('utf8'), offset: this.offset };
    this.offset += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    return line;
  }
}
