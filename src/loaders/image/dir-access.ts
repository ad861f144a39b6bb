/** FileAccess over a directory (an OCI layout written by `podman save --format oci-dir` or skopeo). */
import { closeSync, constants, createReadStream, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { FileAccess } from './file-access.js';
import { ImageError } from './problems.js';

export function dirAccess(root: string): FileAccess {
  // Layout paths come from index.json and manifests: keep them inside the layout directory.
  const place = (path: string): string => {
    if (path.split('/').includes('..') || path.startsWith('/')) throw new ImageError('image-invalid', `${root}: path "${path}" leaves the layout`);
    return join(root, path);
  };
  return {
    label: root,
    size(path) {
      try {
        const stats = lstatSync(place(path));
        return stats.isFile() ? stats.size : undefined;
      } catch {
        return undefined;
      }
    },
    read(path, maxBytes) {
      // A layout's files are regular files: a symbolic link (index.json -> /etc/shadow in a layout
      // someone handed over) would be read from outside the layout.
      if (lstatSync(place(path), { throwIfNoEntry: false })?.isSymbolicLink() === true) {
        throw new ImageError('image-invalid', `${root}/${path} is a symbolic link; the files of an image layout are regular files`);
      }
      const fd = openSync(place(path), constants.O_RDONLY | constants.O_NOFOLLOW);
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
      return createReadStream(place(path), { highWaterMark: 1024 * 1024 });
    },
  };
}
