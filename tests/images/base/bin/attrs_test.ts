/** chmod, chown, stat, du and df compared with GNU coreutils. */
import { compareAll, hasGcc } from "./_harness.ts";

const tree = {
  "f": "data\n",
  "x": "#!/bin/sh\n",
  "d/": "",
  "d/inner": "i",
  "d/sub/": "",
  "d/sub/deep": "deep",
};
const modeOf = "stat -c '%n %a' f x d d/inner d/sub d/sub/deep";
const ch = (pre: string, args: string) => ({
  args: [],
  shell: `umask 022; ${pre} $T ${args}; echo $?; ${modeOf}`,
  files: tree,
});

Deno.test({
  name: "chmod applies octal and symbolic modes like GNU chmod",
  ignore: !hasGcc,
  fn: () =>
    compareAll("chmod", [
      ch("", "755 f"),
      ch("", "0600 f x"),
      ch("", "4755 x"),
      ch("", "u+x f"),
      ch("", "g+w,o-r f"),
      ch("", "a=r f"),
      ch("", "=rx f"),
      ch("", "+w f"),
      ch("", "-r f"),
      ch("", "go= f"),
      ch("", "u=rwx,g=rx,o= f"),
      ch("", "a+X f d"),
      ch("chmod 744 f;", "a+X f"),
      ch("", "o+t d"),
      ch("", "u+s,g+s x"),
      ch("", "g=u f"),
      ch("", "ug+rw-x,o=r f"),
      ch("", "-R 700 d"),
      ch("", "-R go-rwx d"),
      ch("", "-R u=rwX,go=rX d"),
      ch("", "999 f"),
      ch("", "u*x f"),
      ch("", "755 missing f"),
      ch("", "755"),
    ]),
});

const own = (args: string) => ({
  args: [],
  shell: `$T ${args}; echo $?; stat -c '%n %u %g' f x d d/inner d/sub/deep`,
  files: tree,
});

Deno.test({
  name: "chown changes owners and groups by number and name, recursively with -R",
  ignore: !hasGcc || Deno.uid() !== 0,
  fn: () =>
    compareAll("chown", [
      own("1 f"),
      own("1:2 f x"),
      own(":3 f"),
      own("daemon f"),
      own("daemon: f"),
      own("root:daemon x"),
      own("-R 5:6 d"),
      own("nosuchuser f"),
      own("1 missing f"),
    ]),
});

/** Runs a stat command line after fixing times; masks what must differ (inode, ctime). */
const st = (cmd: string) => ({
  args: [],
  shell:
    `touch -d @1000000000 f d x; ${cmd} | grep -v -e Birth -e Change | sed 's/Inode: [0-9]* */Inode: N /'`,
  files: tree,
});

Deno.test({
  name: "stat prints GNU's default layout and -c formats",
  ignore: !hasGcc,
  fn: () =>
    compareAll("stat", [
      st("$T f d"),
      st("ln -s f l; touch -h -d @1000000000 l; $T l"),
      st("$T /dev/null"),
      st("touch -d @5 e; chmod 4711 e; $T e"),
      st("$T -c '%n %s %a %A %F %h %u %U %g %G %b %B %Y %X' f d x"),
      st("$T -c '[%-8n|%8s|%05a] %f %x %y' f"),
      st("ln -s f l; $T -c '%N %F' l f; $T -L -c '%N %F' l"),
      st("$T -c '%t %T %F' /dev/null /dev/zero"),
      st("($T missing f; echo $?)"),
    ]),
});

const big = {
  "a/": "",
  "a/f1": "x".repeat(10000),
  "a/b/": "",
  "a/b/f2": "y".repeat(70000),
  "s": "z",
};

Deno.test({
  name: "du sums 1K blocks per directory like GNU du with -s -h -a",
  ignore: !hasGcc,
  fn: () =>
    compareAll("du", [
      { args: [], shell: "$T | sort -k2", files: big },
      { args: [], shell: "$T a s | sort -k2", files: big },
      { args: ["-s", "a", "s"], files: big },
      { args: ["-sh", "a"], files: big },
      { args: [], shell: "$T -h a | sort -k2", files: big },
      { args: [], shell: "$T -a a | sort -k2", files: big },
      { args: [], shell: "ln a/f1 a/hard; $T -s a", files: big },
      { args: ["missing"], files: big },
    ]),
});

Deno.test({
  name: "df reports file systems with GNU df's columns",
  ignore: !hasGcc,
  fn: () =>
    compareAll("df", [
      { args: ["/dev"] },
      { args: ["-h", "/dev", "/dev/shm"] },
      { args: ["/dev", "/missing"] },
    ]),
});
