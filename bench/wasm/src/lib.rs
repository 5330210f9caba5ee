//! Exported to the benchmark page (`bench/wasm/run.mjs`): the same engine calls as the
//! native harness (`portolan-bench checker`), timed with `performance.now()` inside wasm.

use portolan_core::emit::{self, Input, Target};
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
        let catalog = serde_json::from_str(catalog_json).map_err(|e| JsError::new(&format!("catalog: {e}")))?;
        Ok(Bench { catalog })
    }

    /// One full pass; returns `[parse_ms, check_ms, emit_ms, total_ms, flows, files]`.
    /// `check` builds the flow plan (as the checker page does); emit writes every target.
    pub fn run(&self, topology: &str) -> Result<Vec<f64>, JsError> {
        let t0 = now();
        let parsed = parse(topology, "generated.yaml", Format::Yaml).map_err(|_| JsError::new("the topology does not parse"))?;
        let t1 = now();
        let report = portolan_core::check::check(&self.catalog, &parsed);
        let t2 = now();
        let plan = report.plan.as_ref().ok_or_else(|| JsError::new("no plan"))?;
        let mut files = 0usize;
        for target in Target::all() {
            let input = Input { plan, topology: &parsed, catalog: Some(&self.catalog), host: None };
            files += emit::emit_with(target, &input).map_err(|e| JsError::new(&e.to_string()))?.files.len();
        }
        let t3 = now();
        Ok(vec![t1 - t0, t2 - t1, t3 - t2, t3 - t0, plan.flows.len() as f64, files as f64])
    }
}
