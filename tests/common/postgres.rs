//! A scratch PostgreSQL server for the end-to-end tests: initdb + pg_ctl in a temporary
//! directory, listening on a Unix socket there only (no port to collide with), stopped and
//! deleted on drop. Shared so other commands' tests (an export applying its DDL) can reuse it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct ScratchPostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// initdb refuses to run as root: the server then runs as the `postgres` user.
    as_postgres: bool,
}

/// The directory holding `initdb`, from PATH or /usr/lib/postgresql/*/bin (newest version).
pub fn binaries() -> Option<PathBuf> {
    let from_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .find(|dir| dir.join("initdb").is_file())
            // A link in /usr/local/bin leads to the directory that has psql and pg_ctl too.
            .and_then(|dir| dir.join("initdb").canonicalize().ok())
            .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
    });
    from_path.or_else(|| {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|entry| Some(entry.ok()?.path().join("bin")))
            .filter(|bin| bin.join("initdb").is_file())
            .collect();
        found.sort();
        found.pop()
    })
}

impl ScratchPostgres {
    /// Starts a server, or returns `None` after printing why the test is skipped, only when no
    /// PostgreSQL binaries exist on this machine. Any other failure panics: CI must not skip.
    pub fn start() -> Option<ScratchPostgres> {
        let Some(bin) = binaries() else {
            eprintln!(
                "SKIPPED: no PostgreSQL binaries (initdb) in PATH or /usr/lib/postgresql/*/bin; apt-get install -y postgresql"
            );
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("contract-pg")
            .tempdir_in("/tmp")
            .unwrap();
        // Root or not, asked of `id -u`: the tests need no libc binding for one question.
        let uid = Command::new("id").arg("-u").output().unwrap();
        let as_postgres = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        if as_postgres {
            let status = Command::new("chown")
                .args(["postgres"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success(), "chown postgres of the scratch directory");
        }
        let server = ScratchPostgres {
            dir,
            bin,
            as_postgres,
        };
        let data = server.data();
        let out = server.run_tool(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "contract",
                "--auth=trust",
                "--no-sync",
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let options = format!(
            "-c listen_addresses='' -k {} -c fsync=off",
            server.socket_dir().display()
        );
        let log = server.dir.path().join("log");
        let out = server.run_tool(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "30",
                "-o",
                &options,
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        Some(server)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn run_tool(&self, tool: &str, args: &[&str]) -> Output {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        command.args(args).output().unwrap()
    }

    /// A libpq key=value connection string for `database` (`postgres` always exists).
    pub fn url(&self, database: &str) -> String {
        format!(
            "host={} port=5432 user=contract dbname={database}",
            self.socket_dir().display()
        )
    }

    /// Runs `sql` with psql in `database`, stopping at the first error; panics on failure.
    pub fn psql(&self, database: &str, sql: &str) {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-q",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                &self.url(database),
                "-c",
                sql,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs the SQL file at `path` with psql in `database`; panics on failure.
    pub fn psql_file(&self, database: &str, path: &Path) {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-q",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                &self.url(database),
                "-f",
            ])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql {}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) {
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run_tool(
            "pg_ctl",
            &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"],
        );
    }
}
