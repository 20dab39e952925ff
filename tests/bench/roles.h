#pragma once
// The raw baselines, run as child processes of this program (`localstash-bench --role NAME`):
//   hello   a bare QHttpServer answering every request with a small JSON body
//   qnam    a bare QNetworkAccessManager sender POSTing stamped 1 KiB bodies to a URL
//   sqlite  bare QtSql inserts of 1 KiB rows into a WAL database
//   publish an open-loop publisher to the broker (load from outside the measuring process)

#include <QStringList>

namespace Bench {

// Returns the process exit code; `args` are the arguments after the program name.
int runRole(const QStringList &args);

} // namespace Bench
