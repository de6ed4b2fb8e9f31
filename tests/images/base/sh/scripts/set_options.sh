# set -e -u -x -- and positional parameters
set -- one two three
echo "$# $2"
set -- "$@" four; echo "$# $4"
(set -e; false; echo never) ; echo "set -e subshell status: $?"
(set -e; false || true; echo "or-list survives")
(set -e; if false; then :; fi; echo "if-condition survives")
(set -e; ! true; echo "negation survives")
(set -e; while false; do :; done; echo "while-condition survives")
(set -e; f() { false; echo "not reached in dash? yes reached"; }; f || true; echo "function in or-list")
(set -u; echo "${unset_var-default}"; echo "$unset_var"; echo never) 2>/dev/null; echo "set -u status: $?"
(set -x; echo traced) 2>&1 | sed 's/^+ /PLUS /'
(set -x; x=1; y=$x; echo "$y") 2>&1
set -f; echo /*; set +f
case $- in *f*) echo f-on;; *) echo f-off;; esac
set -e; set +e; false; echo "after +e"
set -- ; echo "cleared $#"
