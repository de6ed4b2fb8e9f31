/*
 * sh.h - shared declarations of the denix shell.
 *
 * The shell is split into one-job files: input (sources of characters), lexer
 * (tokens and here-documents), parser (tokens -> Node tree), expand (words ->
 * fields), pattern (glob matching), arith ($((...))), vars (variables and
 * positional parameters), exec (tree evaluation), redir, jobs, trap, the
 * builtins, and the interactive parts (lineedit, history, complete).
 * Words are kept in the tree as raw source text (quotes included) and are
 * expanded when executed.
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

/* ---- tree ---- */
typedef struct Word {
  char *text;
  struct Word *next;
} Word;

enum { R_IN, R_OUT, R_APPEND, R_CLOBBER, R_DUPIN, R_DUPOUT, R_RDWR, R_HEREDOC };

typedef struct Redir {
  int type;
  int fd;
  char *target;  /* raw word, or here-document body */
  int quoted;    /* here-document delimiter was quoted */
  int strip;     /* <<- */
  struct Redir *next;
} Redir;

enum {
  N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT, N_SUBSHELL, N_GROUP,
  N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC
};

typedef struct CaseItem {
  Word *pats;
  struct Node *body;
  struct CaseItem *next;
} CaseItem;

typedef struct Node {
  int type;
  struct Node *a, *b, *c;  /* children (meaning depends on type) */
  struct Node *next;       /* next member of a pipeline */
  Word *words;             /* command words, for-list, case word */
  Word *assigns;
  Redir *redirs;
  char *name;              /* for variable, function name */
  CaseItem *items;
  int has_in;              /* for: an "in" list was given */
} Node;

/* ---- tree.c ---- */
void tree_release(Node *n); /* frees a tree that defines no function */

/* ---- util.c ---- */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
typedef struct {
  char *s;
  size_t n, cap;
} Str;
void str_addc(Str *b, int c);
void str_adds(Str *b, const char *s);
void str_addn(Str *b, const char *s, size_t n);
char *str_take(Str *b);
void sh_warn(const char *fmt, ...);
void sh_error(const char *fmt, ...); /* reports and aborts the command */
void sh_abort(void);                 /* aborts after an error already reported */
void sh_interrupt(void);             /* ^C in an interactive shell */
int is_name(const char *s);
int is_name_start(int c);
int is_name_char(int c);
extern const char *progname;

/* ---- input.c ---- */
void in_push_string(const char *s, const char *alias);
void in_push_fd(int fd, int interactive);
void in_pop(void);
int in_getc(void);
void in_ungetc(int c);
void in_set_ps2(int on);
int in_alias_active(const char *name);
int in_depth(void);
int in_at_eof(void);
void in_record_start(void);
char *in_record_stop(void);

/* ---- lexer.c ---- */
enum {
  T_WORD, T_NEWLINE, T_EOF, T_SEMI, T_AMP, T_AND, T_OR, T_PIPE, T_LPAREN,
  T_RPAREN, T_DSEMI, T_LESS, T_GREAT, T_DGREAT, T_LESSAND, T_GREATAND,
  T_LESSGREAT, T_DLESS, T_DLESSDASH, T_CLOBBER, T_IONUMBER
};
typedef struct {
  int type;
  char *text;
} Token;
Token *lex_peek(void);
Token lex_next(void);
void lex_want_alias(int on);
void lex_add_heredoc(Redir *r, char *delim);
void lex_reset(void);

/* ---- parser.c ---- */
extern int parse_eof;
Node *parse_line(void);           /* NULL on EOF; sh_error on syntax error */
Node *parse_string(const char *s); /* the whole string as one list */
void parse_cmdsubst(void);        /* the body of $(...) up to its ')' */

/* ---- vars.c ---- */
#define V_EXPORT 1
#define V_READONLY 2
const char *var_get(const char *name);
int var_set(const char *name, const char *value, int flags);
int var_unset(const char *name);
void var_export(const char *name);
int var_flags(const char *name);
void var_import(char **envp);
char **var_environ(void);
void var_list(int flags, const char *prefix);
typedef struct VarSave VarSave;
VarSave *var_save(const char *name);
void var_restore(VarSave *s);
int assign_word(const char *raw, int flags); /* NAME=word, expanded */
extern char **posargs;
extern int nposargs;
extern char *arg0;
void set_posargs(char **argv, int n);
const char *special_var(int c, char *buf);

/* ---- pattern.c ---- */
int pmatch(const char *pat, const char *s);
int has_meta(const char *pat);
char *pat_unescape(const char *pat);

/* ---- expand.c ---- */
typedef struct {
  char **v;
  int n, cap;
} StrList;
void sl_add(StrList *l, char *s);
void expand_words(Word *w, StrList *out);
char *expand_string(const char *raw);     /* no splitting or globbing */
char *expand_pattern(const char *raw);    /* quoted chars escaped */
char *expand_heredoc(const char *body);
char *cmd_subst(const char *src);
char *expand_prompt(const char *ps);
void glob_expand(const char *pat, StrList *out);
extern int lastcmdsubst_status;

/* ---- arith.c ---- */
long long arith_eval(const char *expr);

/* ---- exec.c ---- */
enum { EV_EXIT = 1, EV_TESTED = 2 };
int exec_node(Node *n, int flags);
int exec_string(const char *s, const char *name);
void exec_file(int fd);
int run_command(char **argv, int flags);
char *find_in_path(const char *name);
void define_function(const char *name, Node *body);
Node *find_function(const char *name);
int unset_function(const char *name);
void list_functions(void);
extern int exitstatus;
extern int skip, skipcount;
enum { SKIP_NONE, SKIP_BREAK, SKIP_CONTINUE, SKIP_RETURN };
extern int loopnest, funcnest;
void sh_exit(int status);
void enter_subshell(int bg);
pid_t getpid_shell(void); /* $$: the pid of the top-level shell */

/* ---- redir.c ---- */
typedef struct RedirSave RedirSave;
RedirSave *redir_mark(void);
int redir_apply(Redir *r, int save);
void redir_restore(RedirSave *mark);

/* ---- jobs.c ---- */
typedef struct Job Job;
extern int jobctl;
extern pid_t lastbgpid;
extern pid_t shell_pgid;
void jobs_init(void);
Job *job_new(const char *cmd, int bg);
void job_add_pid(Job *j, pid_t pid);
pid_t job_pgid(Job *j);
int job_wait_fg(Job *j);
void job_background(Job *j);
void jobs_reap(int report);
void jobs_clear(void);
void jobs_exit(void);
int job_wait_all(void);
int job_wait_pid(pid_t pid);
Job *job_find(const char *spec);
void jobs_print(int longfmt);
int job_fg(Job *j);
int job_bg(Job *j);
pid_t fork_child(Job *j, int fg);
char *node_text(Node *n);

/* ---- trap.c ---- */
void trap_init(void);
void trap_check(void);
void trap_exit(void);
void trap_reset_subshell(void);
int sig_number(const char *name);
const char *sig_name(int sig);
int b_trap(char **argv);
extern volatile int trap_pending;
extern volatile int trap_last;
extern int got_sigint;

/* ---- builtins ---- */
typedef int (*BuiltinFn)(char **argv);
typedef struct {
  const char *name;
  BuiltinFn fn;
  int special;
} Builtin;
const Builtin *find_builtin(const char *name);
const char *builtin_name(int i);
int b_echo(char **argv);
int b_printf(char **argv);
int b_read(char **argv);
int b_test(char **argv);
int b_getopts(char **argv);
int b_umask(char **argv);
int b_kill(char **argv);
int b_alias(char **argv);
int b_unalias(char **argv);
int b_type(char **argv);
int b_command(char **argv);
int b_jobs(char **argv);
int b_fg(char **argv);
int b_bg(char **argv);
int b_wait(char **argv);
int b_history(char **argv);
const char *alias_get(const char *name);
int describe_command(const char *name, int verbose);

/* ---- options ---- */
extern int opt_e, opt_u, opt_x, opt_f, opt_m, opt_n, opt_v, opt_C, interactive;
extern int errexit_suppressed;

/* ---- interactive ---- */
char *line_edit(const char *prompt);  /* NULL on EOF */
void hist_add(const char *line);
const char *hist_get(int i);
int hist_count(void);
void complete_line(Str *line, size_t *pos, int *listed);

#endif
