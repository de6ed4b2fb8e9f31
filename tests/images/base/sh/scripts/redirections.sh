# redirections: < > >> 2> 2>&1 <& >& and here-documents
d=${TMPDIR:-/tmp}/shtest.$$
mkdir -p "$d"
echo first > "$d/f"
echo second >> "$d/f"
cat < "$d/f"
ls /nonexistent-dir-xyz 2> "$d/err"; echo "ls status nonzero: $([ $? -ne 0 ] && echo yes)"
[ -s "$d/err" ] && echo "stderr captured"
{ echo out; echo err >&2; } > "$d/both" 2>&1
sort "$d/both"
exec 3> "$d/fd3"
echo via-fd3 >&3
exec 3>&-
cat "$d/fd3"
exec 4< "$d/f"
read line <&4
echo "fd4: $line"
exec 4<&-
echo 2>/dev/null to-stdout
cat <<EOF
plain $((1+2)) here
EOF
cat <<'EOF'
quoted $((1+2)) $HOME here
EOF
cat <<-EOF
	tab stripped
		two tabs
	EOF
cat <<"E1"; cat <<E2
first "doc"
E1
second doc
E2
x=world
cat <<EOF | tr a-z A-Z
hello $x \$x `echo bq`
EOF
>"$d/empty"
[ -f "$d/empty" ] && echo "empty created"
echo one >"$d/g" two
cat "$d/g"
cat <<EOF >"$d/h"
to file "quotes" 'single' \\ \"
EOF
cat "$d/h"
rm -rf "$d"
