//! A throwaway PostgreSQL server for tests: `initdb` and `pg_ctl` into a temporary directory,
//! listening only on a Unix socket in that directory (no TCP port, so parallel tests and other
//! servers on the machine cannot collide), stopped and deleted on drop. Kept to one file so it
//! can be folded into the drift branch's scratch-server helper.
//!
//! PostgreSQL refuses to run as root; when the tests run as root the server runs as the
//! `postgres` user the Debian package creates (through `runuser`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct ScratchPostgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    run_as: Option<String>,
}

/// The newest `/usr/lib/postgresql/<major>/bin` holding `initdb`, or `$PG_BIN`.
pub fn find_binaries() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(bin));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let major = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

impl ScratchPostgres {
    /// Starts a server, or `None` (with a message on stderr saying why the test is skipped)
    /// when no PostgreSQL binaries are installed. Any other failure panics: a test that wanted
    /// a server and could not start one must not pass.
    pub fn start() -> Option<ScratchPostgres> {
        let Some(bin) = find_binaries() else {
            eprintln!(
                "SKIPPED: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb, or set PG_BIN); \
                 install the `postgresql` package to run this test"
            );
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let run_as = is_root().then(|| "postgres".to_string());
        if let Some(user) = &run_as {
            let status = Command::new("chown")
                .args(["-R", &format!("{user}:"), dir.path().to_str().unwrap()])
                .status()
                .unwrap();
            assert!(status.success(), "chown of the scratch directory failed");
        }
        let server = ScratchPostgres { bin, dir, run_as };
        let data = server.data();
        server.run_ok(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        );
        let options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{}' -c fsync=off",
            server.socket_dir().display()
        );
        let log = server.dir.path().join("server.log");
        server.run_ok(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
        Some(server)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(path);
                command
            }
            None => Command::new(path),
        }
    }

    fn run_ok(&self, program: &str, args: &[&str]) -> Output {
        let output = self.command(program).args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{program} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) {
        self.psql(
            "postgres",
            &["-c", &format!("CREATE DATABASE \"{name}\"")],
            None,
        )
        .expect("CREATE DATABASE");
    }

    /// Runs psql on `database` with `ON_ERROR_STOP`, `sql` on its standard input: its standard
    /// output, or its error output when it fails.
    pub fn psql(&self, database: &str, args: &[&str], sql: Option<&str>) -> Result<String, String> {
        use std::io::Write;
        let mut command = self.command("psql");
        command
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(self.socket_dir())
            .args(["-U", "postgres", "-d", database])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        let mut stdin = child.stdin.take().unwrap();
        if let Some(sql) = sql {
            stdin.write_all(sql.as_bytes()).unwrap();
        }
        drop(stdin);
        let output = child.wait_with_output().unwrap();
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    /// One query's rows, `|`-separated, unaligned, without headers.
    pub fn query(&self, database: &str, sql: &str) -> String {
        self.psql(database, &["-A", "-t", "-c", sql], None)
            .unwrap_or_else(|error| panic!("{sql}: {error}"))
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args([
                "-D",
                data.to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ])
            .output();
    }
}
