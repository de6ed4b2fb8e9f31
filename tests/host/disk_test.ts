import assert from "node:assert/strict";
import { Errno } from "../../src/abi/errno.ts";
import { openDiskImage } from "../../src/host/disk.ts";

Deno.test("openDiskImage() reads and writes byte ranges and refuses out-of-range ones", () => {
  const path = Deno.makeTempFileSync();
  Deno.writeFileSync(path, new Uint8Array(8192));
  const dev = openDiskImage(path, false);
  assert(typeof dev !== "string");
  assert.equal(dev.size, 8192);
  assert.equal(dev.write(4000, new Uint8Array([1, 2, 3])), 0);
  assert.equal(dev.flush(), 0);
  const back = new Uint8Array(3);
  assert.equal(dev.read(4000, back), 0);
  assert.deepEqual([...back], [1, 2, 3]);
  assert.equal(dev.read(8190, new Uint8Array(4)), -Errno.EIO);
  assert.equal(dev.write(-1, new Uint8Array(1)), -Errno.EIO);
  dev.close();
  dev.close();
  assert.equal(dev.read(0, back), -Errno.EIO);
  assert.deepEqual([...Deno.readFileSync(path).subarray(4000, 4003)], [1, 2, 3]);
  const ro = openDiskImage(path, true);
  assert(typeof ro !== "string");
  assert.equal(ro.write(0, new Uint8Array(1)), -Errno.EROFS);
  ro.close();
  Deno.removeSync(path);
});

Deno.test("openDiskImage() reports a missing file as a message", () => {
  const dev = openDiskImage("/nonexistent/denix.img", true);
  assert.equal(typeof dev, "string");
});
