# sh script.sh args, #! scripts, sh -c, $0
d=${TMPDIR:-/tmp}/shscr.$$
mkdir -p "$d"
cat > "$d/s.sh" <<'EOS'
#!/bin/sh
echo "script: $# args: $*"
for a; do echo "arg=$a"; done
exit 5
EOS
sh "$d/s.sh" x "y z"; echo "status $?"
chmod +x "$d/s.sh"
"$d/s.sh" p q; echo "status $?"
printf 'echo no-shebang $1\n' > "$d/plain"
chmod +x "$d/plain"
"$d/plain" arg
printf 'echo from stdin\necho line2\n' | sh
echo 'echo "dollar0=$(basename $0)"' > "$d/zero.sh"; sh "$d/zero.sh"
rm -rf "$d"
