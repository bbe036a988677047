//! The SMTP sink of the mail tests (`tests/smtp/sink.py`, aiosmtpd on 127.0.0.1), shared by the
//! app's and the CLI's test binaries through `#[path]`. Each binary uses a part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// The SMTP sink, a child process of this test, ended by its own handle.
pub struct Sink {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl Sink {
    pub fn start(args: &[&str]) -> Sink {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let python = std::env::var("TSUDOI_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/smtp/sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .args(["--port", &port.to_string(), "--dir"])
            .arg(dir.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP sink (scripts/test.sh installs aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the sink started (is aiosmtpd installed?)");
        Sink { child, port, dir }
    }

    pub fn smtp(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// How many messages the sink has taken (answered or not yet).
    pub fn started(&self) -> usize {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "started")
            })
            .count()
    }

    pub fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
    }

    /// Every message taken, as the sink wrote it (envelope, headers, text, attachments).
    pub fn messages(&self) -> Vec<Value> {
        self.files()
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// How many messages each envelope recipient got.
    pub fn received(&self) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for file in self.files() {
            let message: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            let rcpt = message["rcpt_tos"].as_array().unwrap();
            assert_eq!(rcpt.len(), 1, "one recipient per message: {rcpt:?}");
            *counts.entry(rcpt[0].as_str().unwrap().to_string()).or_insert(0) += 1;
        }
        counts
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
