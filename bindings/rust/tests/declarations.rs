//! S19: the hand-written declarations of `src/sys.rs` match `include/airops.h` (name and
//! arity of every function), and the header functions the crate leaves out are exactly the
//! ones README.md names under "Not covered". Also: `airops_event` has the library's layout.

mod common;

use std::collections::BTreeMap;
use std::env;
use std::ffi::{CStr, CString};
use std::fs;
use std::os::raw::c_void;
use std::path::PathBuf;
use std::ptr;
use std::sync::Mutex;

use airops::sys;

fn crate_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The header to compare with: AIROPS_HEADER, else the repository's.
fn header_path() -> PathBuf {
    env::var_os("AIROPS_HEADER")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_file("../../include/airops.h"))
}

/// How many parameters the parenthesised list starting at `text` has; 0 for `()`, `(void)`.
fn arity(text: &str) -> usize {
    let (mut depth, mut parameters, mut current) = (0, Vec::new(), String::new());
    let mut previous = ' ';
    for character in text.chars() {
        match character {
            '(' | '<' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '>' if previous != '-' => depth -= 1,
            _ => {}
        }
        previous = character;
        if depth == 0 {
            break;
        }
        if depth == 1 && character == ',' {
            parameters.push(std::mem::take(&mut current));
        } else if !(depth == 1 && character == '(') {
            current.push(character);
        }
    }
    parameters.push(current);
    parameters.retain(|parameter| !matches!(parameter.trim(), "" | "void"));
    parameters.len()
}

/// The identifier that ends `text`.
fn last_identifier(text: &str) -> &str {
    let trimmed = text.trim_end();
    let start = trimmed
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |index| index + 1);
    &trimmed[start..]
}

fn strip_c_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The function prototypes of a C header: name -> arity. Preprocessor lines (with their
/// continuations) and typedefs (callback types) are not prototypes.
fn header_functions(header: &str) -> BTreeMap<String, usize> {
    let joined = header.replace("\\\n", " ");
    let code: String = joined
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut code = strip_c_comments(&code);
    // `AIROPS_DEPRECATED("...")` in front of a prototype is an attribute, not the function.
    while let Some(start) = code.find("AIROPS_DEPRECATED(") {
        let end = start + code[start..].find(')').expect("a closed AIROPS_DEPRECATED") + 1;
        code.replace_range(start..end, "");
    }
    let mut functions = BTreeMap::new();
    for statement in code.split(';') {
        let statement = statement
            .trim()
            .trim_start_matches("extern \"C\" {")
            .trim_start_matches('}')
            .trim();
        if statement.starts_with("typedef") {
            continue;
        }
        if let Some(open) = statement.find('(') {
            let name = last_identifier(&statement[..open]);
            if name.starts_with("airops_") {
                functions.insert(name.to_owned(), arity(&statement[open..]));
            }
        }
    }
    functions
}

/// The functions declared in the `extern "C"` blocks of a Rust source: name -> arity.
fn rust_functions(source: &str) -> BTreeMap<String, usize> {
    let code: String = source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut functions = BTreeMap::new();
    for block in code.split("extern \"C\" {").skip(1) {
        for declaration in block.split("pub fn ").skip(1) {
            let open = declaration.find('(').expect("a parameter list");
            functions.insert(declaration[..open].trim().to_owned(), arity(&declaration[open..]));
        }
    }
    functions
}

/// The `airops_*` functions README.md names in its "Not covered" section.
fn documented_exceptions() -> Vec<String> {
    let readme = fs::read_to_string(crate_file("README.md")).expect("bindings/rust/README.md");
    let section = readme
        .split("\n## Not covered")
        .nth(1)
        .expect("a \"## Not covered\" section in README.md");
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|name| name.starts_with("airops_") && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn s19_parsers_read_what_they_should() {
    let header = header_functions(
        "#define X(a) \\\n (a)\nextern \"C\" {\n/* c(d); */ int airops_f(const char *a, void (*cb)(int, int));\n\
                                   typedef void (*airops_cb)(int a);\nvoid airops_g(void);\n\
                                   AIROPS_DEPRECATED(\"renamed airops_g\") void airops_h(void);\n}",
    );
    assert_eq!(
        header,
        [
            ("airops_f".to_owned(), 2),
            ("airops_g".to_owned(), 0),
            ("airops_h".to_owned(), 0)
        ]
        .into_iter()
        .collect()
    );
    let rust = rust_functions("extern \"C\" {\n    // pub fn no(a: i32);\n    pub fn airops_f(a: *const c_char, cb: Option<unsafe extern \"C\" fn(x: i32) -> i32>,\n    ) -> i32;\n    pub fn airops_g();\n}");
    assert_eq!(
        rust,
        [("airops_f".to_owned(), 2), ("airops_g".to_owned(), 0)]
            .into_iter()
            .collect()
    );
}

#[test]
fn s19_declarations_match_the_header() {
    let path = header_path();
    let header = header_functions(&fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e)));
    let declared = rust_functions(&fs::read_to_string(crate_file("src/sys.rs")).unwrap());
    assert!(
        header.len() > 40 && declared.len() > 40,
        "parsed {} and {}",
        header.len(),
        declared.len()
    );
    assert_eq!(header.get("airops_app_execute_async"), Some(&10));

    let mismatched: Vec<_> = declared
        .iter()
        .filter(|(name, arity)| header.get(*name) != Some(arity))
        .map(|(name, arity)| {
            format!(
                "{} (sys.rs: {} parameters, header: {:?})",
                name,
                arity,
                header.get(name)
            )
        })
        .collect();
    assert!(
        mismatched.is_empty(),
        "declarations that differ from {}: {:#?}",
        path.display(),
        mismatched
    );

    let exceptions = documented_exceptions();
    let missing: Vec<_> = header
        .keys()
        .filter(|name| !declared.contains_key(*name))
        .cloned()
        .collect();
    let undocumented: Vec<_> = missing.iter().filter(|name| !exceptions.contains(name)).collect();
    assert!(
        undocumented.is_empty(),
        "header functions the crate does not declare: {:?}",
        undocumented
    );
    let declared_anyway: Vec<_> = exceptions.iter().filter(|name| declared.contains_key(*name)).collect();
    assert!(
        declared_anyway.is_empty(),
        "README lists as not covered what sys.rs declares: {:?}",
        declared_anyway
    );
    eprintln!("not declared, as documented: {:?}", missing);
    let not_in_header: Vec<_> = exceptions.iter().filter(|name| !header.contains_key(*name)).collect();
    if !not_in_header.is_empty() {
        eprintln!(
            "documented exceptions this header does not have yet: {:?}",
            not_in_header
        );
    }
}

type Seen = Mutex<Vec<(usize, sys::airops_event_kind, *mut sys::airops_execution, String)>>;

unsafe extern "C" fn record(event: *const sys::airops_event, user_data: *mut c_void) {
    let event = &*event;
    let text = match event.kind {
        sys::AIROPS_EVENT_CHUNK => event.data.chunk.content,
        _ => event.data.completed.content,
    };
    let text = CStr::from_ptr(text).to_string_lossy().into_owned();
    (*(user_data as *const Seen))
        .lock()
        .unwrap()
        .push((event.size, event.kind, event.execution, text));
}

#[test]
fn s19_event_layout_matches_the_library() {
    let var = common::var;
    unsafe {
        let options = sys::airops_options_new();
        let set = |code| assert_eq!(code, sys::AIROPS_OK);
        let (host, url, key) = (
            CString::new(var("AIROPS_HOST")).unwrap(),
            CString::new(var("AIROPS_REALTIME_URL")).unwrap(),
            CString::new(var("AIROPS_PUSHER_KEY")).unwrap(),
        );
        let (user, workspace, hashed) = (
            CString::new(var("AIROPS_USER_ID")).unwrap(),
            CString::new(var("AIROPS_WORKSPACE_ID")).unwrap(),
            CString::new(var("AIROPS_HASHED_USER_ID")).unwrap(),
        );
        set(sys::airops_options_set_host(options, host.as_ptr(), ptr::null_mut()));
        set(sys::airops_options_set_realtime_url(
            options,
            url.as_ptr(),
            key.as_ptr(),
            ptr::null_mut(),
        ));
        set(sys::airops_options_set_identity(
            options,
            user.as_ptr(),
            workspace.as_ptr(),
            hashed.as_ptr(),
            ptr::null_mut(),
        ));
        let mut client = ptr::null_mut();
        set(sys::airops_client_new(options, &mut client, ptr::null_mut()));
        sys::airops_options_free(options);

        let seen: Seen = Mutex::new(Vec::new());
        let (app, inputs) = (
            CString::new("hello-world").unwrap(),
            CString::new(r#"{"name": "Ada"}"#).unwrap(),
        );
        let mut execution = ptr::null_mut();
        set(sys::airops_app_execute_stream(
            client,
            app.as_ptr(),
            inputs.as_ptr(),
            0,
            Some(record),
            &seen as *const Seen as *mut c_void,
            &mut execution,
            ptr::null_mut(),
        ));
        // wait may return before the delivery thread has run the completed callback.
        let completed = || {
            seen.lock()
                .unwrap()
                .iter()
                .any(|(_, kind, ..)| *kind == sys::AIROPS_EVENT_COMPLETED)
        };
        let deadline = std::time::Instant::now() + common::PATIENCE;
        while !completed() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let mut result = ptr::null_mut();
        set(sys::airops_execution_wait(
            execution,
            30_000,
            &mut result,
            ptr::null_mut(),
        ));
        let output = CStr::from_ptr(sys::airops_result_output(result))
            .to_str()
            .unwrap()
            .to_owned();
        sys::airops_result_free(result);
        let events = std::mem::take(&mut *seen.lock().unwrap());
        sys::airops_execution_free(execution);
        sys::airops_client_free(client);

        assert!(
            events
                .iter()
                .all(|(size, ..)| *size == std::mem::size_of::<sys::airops_event>()),
            "{:?}",
            events
        );
        assert!(events.iter().all(|(_, _, owner, _)| *owner == execution));
        let (_, kind, _, completed) = events.last().expect("events");
        assert_eq!(
            (*kind, completed.as_str()),
            (sys::AIROPS_EVENT_COMPLETED, output.as_str())
        );
        let chunks: String = events[..events.len() - 1]
            .iter()
            .map(|(.., text)| text.as_str())
            .collect();
        assert_eq!(chunks, output);
    }
}
