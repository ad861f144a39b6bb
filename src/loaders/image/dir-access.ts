/**
 * FileAccess over a directory (an OCI layout written by `podman save --format oci-dir` or skopeo).
 * A layout's files are regular files inside it: a symbolic link, as the file itself or as one of
 * the directories on its way (blobs -> /elsewhere in a layout someone handed over), would have the
 * reader open files outside the layout, so either is refused (image-invalid) rather than followed.
 */
import { closeSync, constants, createReadStream, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { FileAccess } from './file-access.js';
import { ImageError } from './problems.js';

export function dirAccess(root: string): FileAccess {
  let realRoot: string | undefined;
  // Layout paths come from index.json and manifests: keep them inside the layout directory.
  const place = (path: string): string => {
    if (path.split('/').includes('..') || path.startsWith('/')) throw new ImageError('image-invalid', `${root}: path "${path}" leaves the layout`);
    const full = join(root, path);
    const parent = realpathOrUndefined(dirname(full));
    realRoot ??= realpathOrUndefined(root);
    if (parent !== undefined && realRoot !== undefined && parent !== realRoot && !parent.startsWith(`${realRoot}${sep}`)) {
      throw new ImageError('image-invalid', `${root}/${path} leads outside the layout through a symbolic link (to ${parent}); the files of an image layout are inside it`);
    }
    return full;
  };
  const refuseLink = (path: string, full: string): void => {
    if (lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
      throw new ImageError('image-invalid', `${root}/${path} is a symbolic link; the files of an image layout are regular files`);
    }
  };
  return {
    label: root,
    size(path) {
      const full = place(path);
      refuseLink(path, full);
      const stats = lstatSync(full, { throwIfNoEntry: false });
      return stats?.isFile() === true ? stats.size : undefined;
    },
    read(path, maxBytes) {
      const full = place(path);
      refuseLink(path, full);
      const fd = openOrExplain(root, path, full);
      try {
        const size = fstatSync(fd).size;
        if (size > maxBytes) throw new ImageError('image-invalid', `${root}/${path}: ${size} bytes, over the limit of ${maxBytes} for a JSON document`);
        const buffer = Buffer.alloc(size);
        let offset = 0;
        while (offset < size) {
          const n = readSync(fd, buffer, offset, size - offset, offset);
          if (n === 0) break;
          offset += n;
        }
        return buffer.subarray(0, offset);
      } finally {
        closeSync(fd);
      }
    },
    stream(path) {
      // O_NOFOLLOW: a blob swapped for a link after it was sized is not followed either.
      return createReadStream('', { fd: openOrExplain(root, path, place(path)), highWaterMark: 1024 * 1024 });
    },
  };
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The file opened without following a link; a missing or unreadable file is image-invalid naming it. */
function openOrExplain(root: string, path: string, full: string): number {
  try {
    return openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ImageError('image-invalid', `${root}/${path} cannot be read (${code === 'ENOENT' ? 'it is missing' : code}); this is not a complete OCI image layout`);
  }
}
