/**
 * Read access to the files of an image container (an OCI layout directory, or an archive on disk),
 * so the layout parsers do not care whether they read a directory or a tar file.
 */
export interface FileAccess {
  /** Names the container in messages. */
  readonly label: string;
  /** Size of a regular file, or undefined when there is none at `path`. */
  size(path: string): number | undefined;
  /** The whole file, refused (image-invalid) when over maxBytes. */
  read(path: string, maxBytes: number): Buffer;
  /** The file as a stream of chunks. */
  stream(path: string): AsyncIterable<Buffer>;
}
