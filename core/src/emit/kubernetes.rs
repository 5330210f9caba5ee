//! TODO
use super::{EmitError, Emitted, Input, Scope, Spec};
pub const SPEC: Spec = Spec { name: "kubernetes", description: "todo", scope: Scope::Network, emit };
fn emit(_input: &Input<'_>, _out: &mut Emitted) -> Result<(), EmitError> { Ok(()) }
