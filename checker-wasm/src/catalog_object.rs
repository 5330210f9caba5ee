//! The catalog read straight from the JS object `assets/catalog.js` defines (`catalog.json`'s
//! shape), field by field.
//!
//! Why not serde: the derive-generated visitors for these structs, run through serde_json, were
//! about 25 KB of the page's wasm (6 KB sent), and the object is already parsed by the browser.
//! The rules are serde's for these types: unknown fields are ignored, a missing or `null`
//! optional field is `None`, `sources` and `external` may be left out, anything else missing or
//! of the wrong type is an error naming where (`platforms[2].requirements[7].ports`).

use js_sys::Array;
use portolan_core::diagnostic::SourceLocation;
use portolan_core::model::{
    Catalog, Component, Direction, Exposure, Necessity, Platform, Requirement, Source, Transports,
    Variant,
};
use wasm_bindgen::JsValue;

use crate::message::get;

/// Reads a catalog object; the error names the field and what it should have been.
pub fn read(value: &JsValue) -> Result<Catalog, String> {
    let root = At { value: value.clone(), parent: None, step: Step::Root };
    Ok(Catalog {
        schema_version: root.field("schema_version").uint()?,
        platforms: root.field("platforms").list(platform)?,
    })
}

fn platform(at: &At<'_>) -> Result<Platform, String> {
    Ok(Platform {
        id: at.field("id").string()?,
        title: at.field("title").string()?,
        vendor: at.field("vendor").optional(At::string)?,
        summary: at.field("summary").optional(At::string)?,
        sources: at.field("sources").optional(|s| s.list(source))?.unwrap_or_default(),
        verified: at.field("verified").optional(At::string)?,
        file: at.field("file").string()?,
        components: at.field("components").list(component)?,
        variants: at.field("variants").optional(|v| v.list(variant))?.unwrap_or_default(),
        requirements: at.field("requirements").list(requirement)?,
    })
}

fn source(at: &At<'_>) -> Result<Source, String> {
    Ok(Source { title: at.field("title").string()?, url: at.field("url").string()? })
}

fn variant(at: &At<'_>) -> Result<Variant, String> {
    Ok(Variant { slug: at.field("slug").string()?, name: at.field("name").string()? })
}

fn component(at: &At<'_>) -> Result<Component, String> {
    Ok(Component {
        id: at.field("id").string()?,
        name: at.field("name").string()?,
        description: at.field("description").optional(At::string)?,
        external: at.field("external").optional(At::boolean)?.unwrap_or(false),
    })
}

fn requirement(at: &At<'_>) -> Result<Requirement, String> {
    let source = at.field("source");
    Ok(Requirement {
        id: at.field("id").string()?,
        anchor: at.field("anchor").string()?,
        line_id: at.field("line_id").optional(At::string)?.unwrap_or_default(),
        component: at.field("component").string()?,
        section: at.field("section").string()?,
        ports: at
            .field("ports")
            .parsed("a port or range such as 443 or 2379-2380", |t| t.parse().ok())?,
        transport: at
            .field("transport")
            .optional(|t| t.parsed("tcp, udp, sctp or tcp+udp", Transports::parse))?,
        app_protocol: at.field("app_protocol").optional(At::string)?,
        direction: at.field("direction").optional(|d| {
            d.parsed("inbound, outbound, bidirectional or internal", Direction::from_name)
        })?,
        peer: at.field("peer").optional(At::string)?,
        peer_component: at.field("peer_component").optional(At::string)?,
        necessity: at.field("necessity").optional(|n| {
            n.parsed("required, recommended, optional or conditional", Necessity::from_name)
        })?,
        condition: at.field("condition").optional(At::string)?,
        exposure: at
            .field("exposure")
            .optional(|e| e.parsed("external or internal", Exposure::from_name))?,
        purpose: at.field("purpose").optional(At::string)?,
        variant: at.field("variant").optional(At::string)?,
        source: SourceLocation {
            file: source.field("file").string()?,
            line: source.field("line").uint()?,
            column: source.field("column").uint()?,
        },
    })
}

/// A value and where it is in the catalog. The path (`platforms[2].requirements[7].ports`) is
/// spelled out only for an error: a large site's catalog has hundreds of thousands of fields.
struct At<'a> {
    value: JsValue,
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    fn field<'b>(&'b self, key: &'b str) -> At<'b> {
        // A non-object has no fields: reading one gives `undefined`, reported as missing.
        let value = if self.value.is_object() { get(&self.value, key) } else { JsValue::UNDEFINED };
        At { value, parent: Some(self), step: Step::Field(key) }
    }

    fn path(&self) -> String {
        let mut path = self.parent.map(At::path).unwrap_or_default();
        match self.step {
            Step::Root => {}
            Step::Field(key) if path.is_empty() => path.push_str(key),
            Step::Field(key) => {
                path.push('.');
                path.push_str(key);
            }
            Step::Index(i) => path.push_str(&format!("[{i}]")),
        }
        path
    }

    fn wrong(&self, expected: &str) -> String {
        let found = if self.value.is_undefined() {
            "nothing".to_owned()
        } else {
            js_sys::JSON::stringify(&self.value).map_or_else(
                |_| "another value".to_owned(),
                |s| String::from(s).chars().take(60).collect(),
            )
        };
        format!("{}: expected {expected}, found {found}", self.path())
    }

    fn string(&self) -> Result<String, String> {
        self.value.as_string().ok_or_else(|| self.wrong("a string"))
    }

    fn boolean(&self) -> Result<bool, String> {
        self.value.as_bool().ok_or_else(|| self.wrong("true or false"))
    }

    fn uint(&self) -> Result<u32, String> {
        self.value
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
            .map(|n| n as u32)
            .ok_or_else(|| self.wrong("a whole number from 0 to 4294967295"))
    }

    /// A string read by `parse`; `expected` says what it may be.
    fn parsed<T>(
        &self,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, String> {
        self.value.as_string().and_then(|s| parse(&s)).ok_or_else(|| self.wrong(expected))
    }

    /// `None` for a missing or `null` field.
    fn optional<T>(
        &self,
        read: impl FnOnce(&Self) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        if self.value.is_undefined() || self.value.is_null() {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    fn list<T>(&self, read: impl Fn(&At<'_>) -> Result<T, String>) -> Result<Vec<T>, String> {
        if !Array::is_array(&self.value) {
            return Err(self.wrong("a list"));
        }
        Array::from(&self.value)
            .iter()
            .enumerate()
            .map(|(i, value)| read(&At { value, parent: Some(self), step: Step::Index(i) }))
            .collect()
    }
}
