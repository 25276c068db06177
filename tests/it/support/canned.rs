//! A server on 127.0.0.1 that gives every request the same answer: a store's refusal, as
//! no test server of the real protocol can be made to give it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

pub struct Canned {
    pub port: u16,
}

impl Canned {
    /// Answer every request with `status`, and `body` of type `content_type`.
    pub fn start(status: u16, content_type: &str, body: &str) -> Canned {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let answer = format!(
            "HTTP/1.1 {status} Canned\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                // Read the request's head and body, then answer.
                let mut reader = BufReader::new(&mut stream);
                let mut length = 0usize;
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                    if let Some((k, v)) = line.split_once(':')
                        && k.eq_ignore_ascii_case("content-length")
                    {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    line.clear();
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        Canned { port }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}
