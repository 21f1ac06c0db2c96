//! Identifies the dev server's demo user, streams an app, then chats with its agent for two
//! turns in one session.
//!
//! Reads AIROPS_HOST, AIROPS_REALTIME_URL, AIROPS_PUSHER_KEY and the identity
//! (AIROPS_USER_ID, AIROPS_WORKSPACE_ID, AIROPS_HASHED_USER_ID) from the environment, as
//! the dev server prints them. Run from bindings/rust: `cargo run --example demo`.

use std::env;
use std::error::Error;
use std::io::{self, Write};

use airops::{Client, EventKind};

fn var(name: &str) -> Result<String, Box<dyn Error>> {
    env::var(name).map_err(|_| format!("set {} (the dev server prints it)", name).into())
}

fn main() -> Result<(), Box<dyn Error>> {
    let client = Client::builder()
        .load_environment()
        .identity(
            &var("AIROPS_USER_ID")?,
            &var("AIROPS_WORKSPACE_ID")?,
            &var("AIROPS_HASHED_USER_ID")?,
        )
        .build()?;

    println!("== stream hello-world");
    let (execution, events) = client
        .execute("hello-world")
        .inputs(r#"{"name": "Ada"}"#)
        .events()?;
    for event in events {
        match event.kind {
            EventKind::Chunk { content } => print!("{}", content),
            EventKind::Completed { .. } => println!(),
            _ => {}
        }
        io::stdout().flush()?;
    }
    println!(
        "execution {}: {}",
        execution.id(),
        execution.wait()?.status()
    );

    let mut session: Option<String> = None;
    for message in ["Hello, my name is Ada", "What is the weather like?"] {
        println!("== chat: {}", message);
        let mut chat = client.chat("demo-agent", message);
        if let Some(id) = &session {
            chat = chat.session(id);
        }
        let (execution, events) = chat.events()?;
        for event in events {
            match event.kind {
                EventKind::AgentAction {
                    tool,
                    tool_input_json,
                } => println!("[tool] {} {}", tool, tool_input_json),
                EventKind::AgentResponse { token, .. } => print!("{}", token),
                EventKind::Completed { .. } => println!(),
                _ => {}
            }
            io::stdout().flush()?;
        }
        session = execution.session_id().map(str::to_owned);
    }
    Ok(())
}
