//! A test server run as a child process on a free port of 127.0.0.1, stopped when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::children::InTurn;

pub struct Served {
    child: Child,
    pub port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// `program` with the arguments `args` gives for the port, and `env`, once it listens.
    pub fn start(
        program: &Path,
        args: impl FnOnce(u16) -> Vec<String>,
        env: &[(&str, &str)],
    ) -> Served {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(program)
            .args(args(port))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn_in_turn()
            .unwrap();
        let served = Served { child, port };
        let began = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                began.elapsed() < Duration::from_secs(30),
                "{} did not start",
                program.display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        served
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}
