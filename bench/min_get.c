/* The floor for a CLI round trip: one HTTP/1.1 GET over a plain socket, body to stdout.
 * usage: min_get HOST PORT PATH TOKEN. Compiled by scripts/bench.sh; not part of the product. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc != 5) { fprintf(stderr, "usage: min_get HOST PORT PATH TOKEN\n"); return 2; }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)atoi(argv[2]));
  inet_pton(AF_INET, argv[1], &a.sin_addr);
  if (connect(fd, (struct sockaddr*)&a, sizeof a) != 0) { perror("connect"); return 1; }
  char req[4096];
  int n = snprintf(req, sizeof req,
                   "GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n",
                   argv[3], argv[1], argv[4]);
  if (write(fd, req, (size_t)n) != n) return 1;
  static char buf[1 << 20];
  size_t len = 0;
  ssize_t r;
  while ((r = read(fd, buf + len, sizeof buf - len)) > 0) len += (size_t)r;
  char* body = strstr(buf, "\r\n\r\n");
  if (body) fwrite(body + 4, 1, len - (size_t)(body + 4 - buf), stdout);
  close(fd);
  return 0;
}
