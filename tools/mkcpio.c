// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkcpio: write a newc ("070701") cpio archive from a list of entries.
 *
 * Usage: mkcpio [-o OUT] LISTFILE
 *
 * LISTFILE ("-" for stdin) has one entry a line; blank lines and lines
 * whose first non-blank character is '#' are ignored:
 *
 *	dir NAME MODE UID GID
 *	file NAME SOURCE MODE UID GID
 *	slink NAME TARGET MODE UID GID
 *	nod NAME MODE UID GID TYPE MAJ MIN	(TYPE is c or b)
 *
 * NAME is an absolute guest path, stored without its leading '/' ("/" itself
 * is stored as "."); MODE is octal permission bits; a file's contents are
 * read from the host file SOURCE.  Every mtime is 0 and inode numbers count
 * up from a fixed start, so the same list and sources give the same archive
 * bit for bit.
 *
 * The whole archive is built in memory and only written once the list has
 * been read without error, to OUT.tmp renamed to OUT: a failed run leaves
 * no partial archive behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIRST_INO	1
#define MAX_FIELDS	9
#define NEWC_HDR_LEN	110
#define NEWC_MAX	0xffffffffUL

struct buf {
	unsigned char *data;
	size_t len;
	size_t cap;
};

struct name {
	char *name;
	unsigned long line;
};

static const char *list_name;
static unsigned long line_no;
static struct buf archive;
static struct name *names;
static size_t nr_names, cap_names;
static uint32_t next_ino = FIRST_INO;

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("mkcpio: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* An error in the list: "mkcpio: LISTFILE:LINE: reason". */
static void __attribute__((noreturn, format(printf, 1, 2)))
list_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkcpio: %s:%lu: ", list_name, line_no);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p)
		die("out of memory");
	return p;
}

/* Make room for @len more bytes at the end of the archive. */
static unsigned char *buf_grow(size_t len)
{
	unsigned char *p;

	if (archive.len + len > archive.cap) {
		size_t cap = archive.cap ? archive.cap : 65536;

		while (cap < archive.len + len)
			cap *= 2;
		archive.data = xrealloc(archive.data, cap);
		archive.cap = cap;
	}
	p = archive.data + archive.len;
	archive.len += len;
	return p;
}

static void buf_add(const void *data, size_t len)
{
	memcpy(buf_grow(len), data, len);
}

/* Pad the archive with NULs to a multiple of 4 bytes. */
static void buf_pad4(void)
{
	size_t pad = (4 - archive.len % 4) % 4;

	memset(buf_grow(pad), 0, pad);
}

struct entry {
	const char *name;	/* as stored: no leading '/' */
	uint32_t mode;		/* file type and permission bits */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t rmaj, rmin;
	uint32_t ino;
};

/* One header field: 8 hex digits. */
#define HEX8 "%08" PRIX32

/* A header, the name and its padding; the caller adds the data. */
static void put_header(const struct entry *e, size_t filesize)
{
	char hdr[NEWC_HDR_LEN + 1];
	size_t namesize = strlen(e->name) + 1;

	if (filesize > NEWC_MAX)
		list_error("%s is too large for a newc archive", e->name);
	snprintf(hdr, sizeof(hdr), "070701" HEX8 HEX8 HEX8 HEX8 HEX8 HEX8 HEX8
		 HEX8 HEX8 HEX8 HEX8 HEX8 HEX8,
		 e->ino, e->mode, e->uid, e->gid, e->nlink,
		 (uint32_t)0,			/* mtime */
		 (uint32_t)filesize,
		 (uint32_t)0, (uint32_t)0,	/* devmajor, devminor */
		 e->rmaj, e->rmin,
		 (uint32_t)namesize,
		 (uint32_t)0);			/* check */
	buf_add(hdr, NEWC_HDR_LEN);
	buf_add(e->name, namesize);
	buf_pad4();
}

/*
 * Names seen so far, found through an open-addressing hash of indices
 * into names[] (twice as many slots as names), so that a list of a
 * million entries takes seconds, not hours.
 */
static size_t *slots, nr_slots;

static size_t hash_name(const char *s)
{
	size_t h = 14695981039346656037UL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211UL;
	return h;
}

static void rehash(void)
{
	size_t i, j;

	nr_slots = nr_slots ? nr_slots * 2 : 1024;
	free(slots);
	slots = xrealloc(NULL, nr_slots * sizeof(*slots));
	for (i = 0; i < nr_slots; i++)
		slots[i] = (size_t)-1;
	for (i = 0; i < nr_names; i++) {
		for (j = hash_name(names[i].name) & (nr_slots - 1);
		     slots[j] != (size_t)-1; j = (j + 1) & (nr_slots - 1))
			;
		slots[j] = i;
	}
}

/* Remember @name; a name that is already in the archive is an error. */
static void add_name(const char *name)
{
	size_t j;

	if (2 * (nr_names + 1) > nr_slots)
		rehash();
	for (j = hash_name(name) & (nr_slots - 1); slots[j] != (size_t)-1;
	     j = (j + 1) & (nr_slots - 1))
		if (!strcmp(names[slots[j]].name, name))
			list_error("duplicate name /%s (first on line %lu)",
				   strcmp(name, ".") ? name : "",
				   names[slots[j]].line);
	if (nr_names == cap_names) {
		cap_names = cap_names ? cap_names * 2 : 256;
		names = xrealloc(names, cap_names * sizeof(*names));
	}
	names[nr_names].name = strdup(name);
	if (!names[nr_names].name)
		die("out of memory");
	names[nr_names].line = line_no;
	slots[j] = nr_names++;
}

/* "/usr/bin" is stored as "usr/bin", and "/" as ".". */
static const char *parse_name(const char *s)
{
	const char *p;

	if (s[0] != '/')
		list_error("name '%s' is not absolute", s);
	for (p = s; *p; p++) {
		if (p[0] != '/')
			continue;
		if (p[1] == '/')
			list_error("name '%s' has an empty component", s);
		if (p[1] == '.' && (p[2] == '/' || !p[2] ||
				    (p[2] == '.' && (p[3] == '/' || !p[3]))))
			list_error("name '%s' has a '.' or '..' component", s);
	}
	if (!s[1])
		return ".";
	if (p[-1] == '/')
		list_error("name '%s' ends in '/'", s);
	return s + 1;
}

static unsigned long parse_mode(const char *s)
{
	unsigned long mode = 0;
	const char *p;

	for (p = s; *p; p++) {
		if (*p < '0' || *p > '7')
			list_error("bad mode '%s': not an octal number", s);
		mode = mode * 8 + (*p - '0');
		if (mode > 07777)
			list_error("bad mode '%s': more than permission bits",
				   s);
	}
	if (p == s)
		list_error("empty mode");
	return mode;
}

static unsigned long parse_num(const char *s, const char *what)
{
	unsigned long n = 0;
	const char *p;

	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			list_error("bad %s '%s': not a decimal number",
				   what, s);
		if (n > (NEWC_MAX - (*p - '0')) / 10)
			list_error("bad %s '%s': too large", what, s);
		n = n * 10 + (*p - '0');
	}
	if (p == s)
		list_error("empty %s", what);
	return n;
}

static void start_entry(struct entry *e, const char *name, const char *mode,
			const char *uid, const char *gid, unsigned long type)
{
	memset(e, 0, sizeof(*e));
	e->name = parse_name(name);
	e->mode = type | parse_mode(mode);
	e->uid = parse_num(uid, "uid");
	e->gid = parse_num(gid, "gid");
	e->nlink = type == S_IFDIR ? 2 : 1;
	add_name(e->name);
	e->ino = next_ino++;
}

static void add_dir(char **f)
{
	struct entry e;

	start_entry(&e, f[1], f[2], f[3], f[4], S_IFDIR);
	put_header(&e, 0);
}

static void add_file(char **f)
{
	const char *source = f[2];
	struct entry e;
	unsigned char *data;
	struct stat st;
	size_t done = 0;
	ssize_t n;
	int fd;

	start_entry(&e, f[1], f[3], f[4], f[5], S_IFREG);
	fd = open(source, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		list_error("cannot open %s: %s", source, strerror(errno));
	if (fstat(fd, &st) < 0)
		list_error("cannot stat %s: %s", source, strerror(errno));
	if (!S_ISREG(st.st_mode))
		list_error("%s is not a regular file", source);
	put_header(&e, st.st_size);
	/* Read exactly the size in the header, whatever the file does. */
	data = buf_grow(st.st_size);
	while (done < (size_t)st.st_size) {
		n = read(fd, data + done, (size_t)st.st_size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			list_error("cannot read %s: %s", source,
				   strerror(errno));
		if (n == 0)
			list_error("%s shrank while it was read", source);
		done += n;
	}
	close(fd);
	buf_pad4();
}

static void add_slink(char **f)
{
	const char *target = f[2];
	struct entry e;

	start_entry(&e, f[1], f[3], f[4], f[5], S_IFLNK);
	put_header(&e, strlen(target));
	buf_add(target, strlen(target));
	buf_pad4();
}

static void add_nod(char **f)
{
	unsigned long type;
	struct entry e;

	if (!strcmp(f[5], "c"))
		type = S_IFCHR;
	else if (!strcmp(f[5], "b"))
		type = S_IFBLK;
	else
		list_error("bad node type '%s': not c or b", f[5]);
	start_entry(&e, f[1], f[2], f[3], f[4], type);
	e.rmaj = parse_num(f[6], "major");
	e.rmin = parse_num(f[7], "minor");
	put_header(&e, 0);
}

static void add_trailer(void)
{
	struct entry e = { .name = "TRAILER!!!", .nlink = 1 };

	put_header(&e, 0);
}

static const struct {
	const char *keyword;
	int nr_fields;			/* with the keyword */
	void (*add)(char **f);
	const char *usage;
} keywords[] = {
	{ "dir", 5, add_dir, "dir NAME MODE UID GID" },
	{ "file", 6, add_file, "file NAME SOURCE MODE UID GID" },
	{ "slink", 6, add_slink, "slink NAME TARGET MODE UID GID" },
	{ "nod", 8, add_nod, "nod NAME MODE UID GID TYPE MAJ MIN" },
};

static void parse_line(char *line)
{
	char *f[MAX_FIELDS];
	int nr = 0;
	size_t i;
	char *tok;

	for (tok = strtok(line, " \t\r\n"); tok;
	     tok = strtok(NULL, " \t\r\n")) {
		if (nr == 0 && tok[0] == '#')
			return;
		if (nr == MAX_FIELDS)
			break;
		f[nr++] = tok;
	}
	if (nr == 0)
		return;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (strcmp(f[0], keywords[i].keyword))
			continue;
		if (nr != keywords[i].nr_fields)
			list_error("%s needs %d fields, not %s%d: %s",
				   f[0], keywords[i].nr_fields,
				   nr == MAX_FIELDS ? "at least " : "", nr,
				   keywords[i].usage);
		keywords[i].add(f);
		return;
	}
	list_error("unknown keyword '%s'", f[0]);
}

static void write_archive(const char *out)
{
	size_t len = strlen(out);
	char *tmp = xrealloc(NULL, len + sizeof(".tmp"));
	size_t done = 0;
	ssize_t n;
	int fd;

	memcpy(tmp, out, len);
	memcpy(tmp + len, ".tmp", sizeof(".tmp"));
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("cannot create %s: %s", tmp, strerror(errno));
	while (done < archive.len) {
		n = write(fd, archive.data + done, archive.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			unlink(tmp);
			die("cannot write %s: %s", tmp, strerror(err));
		}
		done += n;
	}
	if (close(fd) < 0) {
		int err = errno;

		unlink(tmp);
		die("cannot write %s: %s", tmp, strerror(err));
	}
	if (rename(tmp, out) < 0) {
		int err = errno;

		unlink(tmp);
		die("cannot rename %s to %s: %s", tmp, out, strerror(err));
	}
	free(tmp);
}

static void write_stdout(void)
{
	if (fwrite(archive.data, 1, archive.len, stdout) != archive.len ||
	    fflush(stdout) != 0)
		die("cannot write the archive to stdout: %s", strerror(errno));
}

static void __attribute__((noreturn)) usage(void)
{
	fprintf(stderr, "Usage: mkcpio [-o OUT] LISTFILE\n");
	exit(1);
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	char *line = NULL;
	size_t cap = 0;
	FILE *list;
	int opt;

	while ((opt = getopt(argc, argv, "o:h")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1)
		usage();

	if (!strcmp(argv[optind], "-")) {
		list_name = "<stdin>";
		list = stdin;
	} else {
		list_name = argv[optind];
		list = fopen(list_name, "r");
		if (!list)
			die("cannot open %s: %s", list_name, strerror(errno));
	}

	while (getline(&line, &cap, list) != -1) {
		line_no++;
		parse_line(line);
	}
	if (ferror(list))
		die("cannot read %s: %s", list_name, strerror(errno));
	free(line);
	if (list != stdin)
		fclose(list);
	add_trailer();

	if (out)
		write_archive(out);
	else
		write_stdout();
	return 0;
}
