# here-documents in realistic use
name=denix
version=1
cat <<EOF
Welcome to $name v$version
  Today is a $(echo good) day.
  Arithmetic: $((6 * 7))
  Literal: \$name and \`backquotes\`
EOF
cat <<'EOF'
No $expansion here: $(not run) `nor this`
EOF
f() {
  cat <<-END
	indented in function: $1
	END
}
f arg1
while read -r k v; do
  echo "key=$k value=$v"
done <<EOF
alpha 1
beta 2
gamma 3
EOF
cat <<A; cat <<B
from A
A
from B
B
x=$(cat <<EOF
captured
heredoc
EOF
)
echo "$x" | wc -l
cat <<EOF | while read l; do echo "piped: $l"; done
p1
p2
EOF
