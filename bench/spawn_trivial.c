/* SPDX-License-Identifier: MIT */
/*
 * mproc-bench-trivial: the program process.spawn.raw starts, the least a
 * program can do. It lives next to mproc-bench, which finds it there.
 */
int main(void) {
  return 0;
}
