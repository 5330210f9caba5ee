//! Exported to the benchmark page (`bench/wasm/run.mjs`): the same engine calls as the
//! native harness (`portolan-bench checker`), timed with `performance.now()` inside wasm.

use portolan_core::emit::{self, Input, Scope, Target};
use portolan_core::model::Catalog;
use portolan_core::topology::{Format, parse};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

/// A catalog loaded once (from the site's `catalog.json`), checked against many topologies.
#[wasm_bindgen]
pub struct Bench {
    catalog: Catalog,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new(catalog_json: &str) -> Result<Bench, JsError> {
        let catalog = serde_json::from_str(catalog_json)
            .map_err(|e| JsError::new(&format!("catalog: {e}")))?;
        Ok(Bench { catalog })
    }

    /// Parse, then check + plan only; returns `[parse_ms, check_ms, total_ms, flows]`.
    pub fn check(&self, topology: &str) -> Result<Vec<f64>, JsError> {
        let t0 = now();
        let parsed = parse(topology, "generated.yaml", Format::Yaml)
            .map_err(|_| JsError::new("the topology does not parse"))?;
        let t1 = now();
        let report = portolan_core::check::check(&self.catalog, &parsed);
        let t2 = now();
        let flows = report.plan.as_ref().map_or(0, |p| p.flows.len());
        Ok(vec![t1 - t0, t2 - t1, t2 - t0, flows as f64])
    }

    /// One full pass; returns `[parse_ms, check_ms, emit_ms, total_ms, flows, files]`.
    /// `check` builds the flow plan (as the checker page does); emit writes every target, host
    /// firewalls for one host (`h0`) as the native harness (`bench/src/checker.rs`) and the page
    /// do: all hosts' files grow with hosts² and ran the wasm out of memory at 1,000 hosts.
    pub fn run(&self, topology: &str) -> Result<Vec<f64>, JsError> {
        let t0 = now();
        let parsed = parse(topology, "generated.yaml", Format::Yaml)
            .map_err(|_| JsError::new("the topology does not parse"))?;
        let t1 = now();
        let report = portolan_core::check::check(&self.catalog, &parsed);
        let t2 = now();
        let plan = report.plan.as_ref().ok_or_else(|| JsError::new("no plan"))?;
        let mut files = 0usize;
        let one = parsed
            .hosts
            .iter()
            .find(|h| h.name == "h0")
            .or(parsed.hosts.first())
            .map(|h| h.name.as_str());
        for target in Target::all() {
            let host = if target.scope() == Scope::Host { one } else { None };
            let input = Input { plan, topology: &parsed, catalog: Some(&self.catalog), host };
            files += emit::emit_with(target, &input)
                .map_err(|e| JsError::new(&e.to_string()))?
                .files
                .len();
        }
        let t3 = now();
        Ok(vec![t1 - t0, t2 - t1, t3 - t2, t3 - t0, plan.flows.len() as f64, files as f64])
    }
}
