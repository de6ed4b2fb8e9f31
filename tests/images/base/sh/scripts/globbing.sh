# pathname expansion
d=${TMPDIR:-/tmp}/shglob.$$
mkdir -p "$d/sub" && cd "$d" || exit 1
touch a.txt b.txt c.log .hidden ab a1 a2 sub/x.txt 'sp ace'
echo *
echo *.txt
echo ?.txt
echo a?
echo [ab].txt
echo [!a]*
echo [^a]*
echo a[0-9]
echo sub/*
echo */*.txt
echo .*
echo nomatch*
echo "*.txt"
echo \*.txt
p='*.log'; echo $p; echo "$p"
set -f; echo *.txt; set +f
echo *[[:digit:]]
for f in *.txt; do echo "file: $f"; done
echo "$d"/a* | sed "s|$d|D|g"
cd / && rm -rf "$d"
