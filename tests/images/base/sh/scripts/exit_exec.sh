# exit, exec and subshell exit statuses
(exit 0); echo $?
(exit 255); echo $?
(false); echo $?
sh -c 'exit 9'; echo "sh -c exit: $?"
sh -c 'echo "args: $0 $1 $2"' name a b
sh -c 'echo $#' x 1 2 3
(exec echo exec-replaces); echo "after exec subshell"
(exec sh -c 'exit 4'); echo "exec status: $?"
f() { exit 6; }; (f; echo never); echo "exit in function: $?"
(trap 'echo trap-on-exit' EXIT; exit 3); echo "status kept: $?"
nonexistent_command_xyz 2>/dev/null; echo "not found: $?"
/ 2>/dev/null; echo "not executable: $?"
