/** A PositionMap over a plain map of JSON pointers, for documents that are not YAML. */
import type { Position, PositionMap } from '../../model/source.js';

export class PointerPositions implements PositionMap {
  private readonly byPointer = new Map<string, Position>();

  set(pointer: string, position: Position): void {
    this.byPointer.set(pointer, position);
  }

  get(pointer: string): Position | undefined {
    return this.byPointer.get(pointer);
  }

  nearest(pointer: string): { pointer: string; position: Position } | undefined {
    let current = pointer;
    for (;;) {
      const position = this.byPointer.get(current);
      if (position !== undefined) return { pointer: current, position };
      if (current === '') return undefined;
      current = current.slice(0, current.lastIndexOf('/'));
    }
  }
}
