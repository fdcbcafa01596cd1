//! Many estimates on one set of hardware and runtime settings: the
//! recommendation grid (every model × every quantization × contexts) and
//! the tiers table.
//!
//! [`crate::resolve_inputs::resolve`] redoes for every estimate the work
//! that depends only on the model (its [`crate::arch::Arch`]) or on the
//! model and quantization (its [`crate::weights::WeightPlan`], the block
//! kinds): listing and typing every tensor is most of the cost of one
//! estimate. A [`Sweep`] does that once per (model, quantization) and keeps
//! a resolved [`Scenario`] for each, so a later point only sets the context
//! and estimates. The largest context that fits depends on the placement,
//! not on the context asked for, so it is also kept per placement.
//!
//! Results are identical to `estimate(&resolve(&inputs)?)` for the same
//! inputs (checked by `tests/sweep.rs`).
//!
//! ```
//! use headroom_core::inputs::Inputs;
//! use headroom_core::sweep::{Detail, Sweep};
//!
//! let mut sweep = Sweep::new(&Inputs::default()); // RTX 4090, llama.cpp
//! for model in headroom_core::catalog::models().take(3) {
//!     for ctx in [8192, 32768] {
//!         if let Ok(e) = sweep.estimate(model.id, "Q4_K_M", ctx, Detail::FitAndSpeed) {
//!             assert!(e.total_bytes > 0);
//!         }
//!     }
//! }
//! ```

use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::arch::Arch;
use crate::catalog;
use crate::device::DeviceSpec;
use crate::estimate::{estimate_with, CtxCosts, Estimate, FitHint, MaxCtx, MaxCtxMemo};
use crate::inputs::Inputs;
use crate::placement::{BlockKinds, Devices, FitScratch, LayerShape};
use crate::quant::{plan_weights, QuantChoice};
use crate::resolve_inputs::{apply_settings, check_ctx, settings, ResolveError};
use crate::scenario::Scenario;

/// How much of the estimate a sweep point computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Detail {
    /// Everything, as [`crate::estimate::estimate`].
    #[default]
    Full,
    /// Everything but the search for the largest context that fits:
    /// [`Estimate::max_ctx_that_fits`] is 0 and must not be shown. The
    /// search costs most on the first context of each placement (later
    /// contexts with the same placement reuse its result), so this mostly
    /// pays off for one-off points.
    FitAndSpeed,
}

/// One (model, quantization), resolved once.
#[derive(Debug)]
struct Plan {
    /// The scenario on the sweep's current settings (its `ctx` is set per point).
    scenario: Scenario,
    /// Block kinds and weight sums of the plan.
    shape: LayerShape,
    /// Catalog position of its model (index in [`Sweep::models`]).
    model: usize,
    /// The GPUs under the current settings (shared by every plan).
    devs: Rc<Devices>,
    /// Largest context that fits, per placement, on the current settings.
    max_ctx: MaxCtxMemo,
    /// The placement of the last context estimated, on the current settings.
    fit_hint: FitHint,
    /// The model's projector bytes (loaded when multimodal is on).
    mmproj_bytes: u64,
    /// The model takes images or audio but its projector size is unknown.
    mmproj_unknown: bool,
}

/// One catalog model: its architecture and the plans made from it.
#[derive(Debug)]
struct ModelEntry {
    arch: Result<Arc<Arch>, ResolveError>,
    /// The block kinds of `arch`, once a plan was made.
    kinds: Option<Arc<BlockKinds>>,
    mmproj_bytes: u64,
    mmproj_unknown: bool,
    /// Index in [`Sweep::plans`] per quantization name.
    plans: Vec<(QuantKey, usize)>,
    /// Costs per context on the current settings, shared by the plans.
    ctx_costs: CtxCache,
}

/// The [`CtxCosts`] of the last few contexts asked for (a sweep's context
/// grid, or the one context of a view).
#[derive(Debug, Default)]
struct CtxCache {
    entries: Vec<CtxCosts>,
    /// The entry replaced next once all are in use.
    next: usize,
}

/// At most this many contexts are kept per model.
const CTX_CACHE: usize = 8;

impl CtxCache {
    /// The costs at `s.ctx`, computed on first use; `shape` is any plan's
    /// of the model.
    fn get(&mut self, s: &Scenario, shape: &LayerShape) -> &CtxCosts {
        let at = match self.entries.iter().position(|c| c.ctx == s.ctx) {
            Some(at) => at,
            None if self.entries.len() < CTX_CACHE => {
                self.entries.push(CtxCosts::new(s, shape));
                self.entries.len() - 1
            }
            None => {
                let at = self.next % CTX_CACHE;
                self.next = at + 1;
                if let Some(e) = self.entries.get_mut(at) {
                    *e = CtxCosts::new(s, shape);
                }
                at
            }
        };
        &self.entries[at]
    }

    fn clear(&mut self) {
        *self = CtxCache::default();
    }
}

/// A cache of resolved (model, quantization) plans on one set of hardware
/// and runtime settings. See the module docs.
#[derive(Debug)]
pub struct Sweep {
    /// The settings (model, quantization and context are ignored).
    inputs: Inputs,
    /// The devices of `inputs`, or why they do not resolve.
    devices: Result<(Arc<[DeviceSpec]>, DeviceSpec), ResolveError>,
    /// Their per-GPU constants under the settings, once a plan was made.
    devs: Option<Rc<Devices>>,
    /// Per catalog model, in catalog order (`None` until first asked for).
    models: Vec<Option<ModelEntry>>,
    /// The last model looked up: its id and catalog position.
    last_model: Option<(&'static str, usize)>,
    /// Every plan resolved so far.
    plans: Vec<Plan>,
    /// Buffers of the placement search, reused by every estimate.
    scratch: FitScratch,
    /// The last (model id, quantization) looked up and its plan: sweeps
    /// ask for the same pair at several contexts in a row. The strings
    /// keep their buffers from one pair to the next.
    last: (String, String, Option<usize>),
}

/// `inputs` with a context that always passes the range check, so the
/// settings' own errors can be told from a point's context error.
fn settings_of(inputs: &Inputs) -> Result<(Arc<[DeviceSpec]>, DeviceSpec), ResolveError> {
    let probe = Inputs {
        ctx: 1,
        ..inputs.clone()
    };
    settings(&probe).map(|(gpus, host)| (gpus.into(), host))
}

impl Sweep {
    /// An empty sweep on the hardware and runtime settings of `inputs`
    /// (its model, quantization and context are not used).
    pub fn new(inputs: &Inputs) -> Self {
        Sweep {
            inputs: inputs.clone(),
            devices: settings_of(inputs),
            devs: None,
            models: Vec::new(),
            last_model: None,
            plans: Vec::new(),
            scratch: FitScratch::default(),
            last: (String::new(), String::new(), None),
        }
    }

    /// Switches to the hardware and runtime settings of `inputs`, keeping
    /// every architecture and weight plan resolved so far. Cheap when only
    /// the model, quantization or context differ.
    pub fn set_inputs(&mut self, inputs: &Inputs) {
        let same = Inputs {
            model: self.inputs.model.clone(),
            quant: self.inputs.quant.clone(),
            ctx: self.inputs.ctx,
            ..inputs.clone()
        } == self.inputs;
        if same {
            return;
        }
        self.inputs = inputs.clone();
        self.devices = settings_of(inputs);
        self.devs = None;
        for entry in self.models.iter_mut().flatten() {
            entry.ctx_costs.clear();
        }
        let Ok((gpus, host)) = &self.devices else {
            return;
        };
        for plan in &mut self.plans {
            let mmproj = if inputs.multimodal {
                plan.mmproj_bytes
            } else {
                0
            };
            let s = &mut plan.scenario;
            s.gpus = Arc::clone(gpus);
            s.host.clone_from(host);
            apply_settings(s, inputs, mmproj);
            s.mmproj_unknown = inputs.multimodal && plan.mmproj_unknown;
            // The GPU constants depend on the settings only: one for all.
            let devs = self.devs.get_or_insert_with(|| Rc::new(Devices::new(s)));
            plan.devs = Rc::clone(devs);
            plan.max_ctx.clear();
            plan.fit_hint.clear();
        }
    }

    /// Number of (model, quantization) plans resolved so far.
    pub fn n_plans(&self) -> usize {
        self.plans.len()
    }

    /// The estimate of catalog model `model_id` at quantization `quant`
    /// and context `ctx` on the sweep's settings; the same as resolving and
    /// estimating those inputs, errors included.
    pub fn estimate(
        &mut self,
        model_id: &str,
        quant: &str,
        ctx: u64,
        detail: Detail,
    ) -> Result<Estimate, ResolveError> {
        let index = self.plan(model_id, quant)?;
        check_ctx(ctx)?;
        let index = index.map_err(Clone::clone)?;
        let Sweep {
            plans,
            models,
            scratch,
            ..
        } = self;
        let Some(plan) = plans.get_mut(index) else {
            return Err(ResolveError::UnknownQuant(String::from(quant.trim())));
        };
        let Some(Some(entry)) = models.get_mut(plan.model) else {
            return Err(ResolveError::UnknownModel(String::from(model_id)));
        };
        plan.scenario.ctx = ctx;
        let costs = entry.ctx_costs.get(&plan.scenario, &plan.shape);
        let max_ctx = match detail {
            Detail::Full => MaxCtx::Memo(&mut plan.max_ctx),
            Detail::FitAndSpeed => MaxCtx::Skip,
        };
        Ok(estimate_with(
            &plan.scenario,
            &plan.shape,
            &plan.devs,
            max_ctx,
            costs,
            scratch,
            Some(&mut plan.fit_hint),
        ))
    }

    /// The index of the cached plan of (model, quant), resolving it on
    /// first use. The outer error is the model's or the quantization's; the
    /// inner one the settings' (reported after the context's, as `resolve`
    /// does). Plans are only made on settings that resolve.
    fn plan(
        &mut self,
        model_id: &str,
        quant: &str,
    ) -> Result<Result<usize, &ResolveError>, ResolveError> {
        let index = match &self.last {
            (m, q, Some(i)) if m == model_id && q == quant => *i,
            _ => {
                let i = self.find_plan(model_id, quant)?;
                let (m, q, last) = &mut self.last;
                m.clear();
                m.push_str(model_id);
                q.clear();
                q.push_str(quant);
                *last = i;
                match i {
                    Some(i) => i,
                    None => {
                        return match &self.devices {
                            Err(e) => Ok(Err(e)),
                            Ok(_) => Err(ResolveError::UnknownQuant(String::from(quant.trim()))),
                        }
                    }
                }
            }
        };
        match (index < self.plans.len(), &self.devices) {
            (true, Ok(_)) => Ok(Ok(index)),
            (_, Err(e)) => Ok(Err(e)),
            (false, Ok(_)) => Err(ResolveError::UnknownQuant(String::from(quant.trim()))),
        }
    }

    /// The index of the plan of (model, quant), made on first use; `None`
    /// when the settings do not resolve and it was never made.
    fn find_plan(&mut self, model_id: &str, quant: &str) -> Result<Option<usize>, ResolveError> {
        // Sweeps ask for every quantization of one model in a row.
        let at = match self.last_model {
            Some((id, at)) if id == model_id => at,
            _ => {
                let Some(at) = catalog::models().position(|m| m.id == model_id) else {
                    return Err(ResolveError::UnknownModel(String::from(model_id)));
                };
                self.last_model = catalog::models().nth(at).map(|m| (m.id, at));
                at
            }
        };
        if self.models.len() <= at {
            self.models.resize_with(at + 1, || None);
        }
        let Some(slot) = self.models.get_mut(at) else {
            return Err(ResolveError::UnknownModel(String::from(model_id)));
        };
        let entry = match slot {
            Some(entry) => entry,
            None => slot.insert(new_model_entry(model_id)?),
        };
        let arch = entry.arch.as_ref().map_err(Clone::clone)?;
        let key = QuantKey::new(quant);
        if let Some(&(_, i)) = entry.plans.iter().find(|(k, _)| *k == key) {
            return Ok(Some(i));
        }
        {
            let choice = QuantChoice::parse(quant)
                .map_err(|_| ResolveError::UnknownQuant(String::from(quant.trim())))?;
            let Ok((gpus, host)) = &self.devices else {
                return Ok(None);
            };
            let weights = plan_weights(arch, &choice);
            let mut scenario =
                Scenario::new(Arc::clone(arch), weights, Arc::clone(gpus), host.clone());
            let mmproj = if self.inputs.multimodal {
                entry.mmproj_bytes
            } else {
                0
            };
            apply_settings(&mut scenario, &self.inputs, mmproj);
            scenario.mmproj_unknown = self.inputs.multimodal && entry.mmproj_unknown;
            let kinds = entry
                .kinds
                .get_or_insert_with(|| Arc::new(BlockKinds::new(&scenario.arch)));
            let shape = LayerShape::with_kinds(&scenario, Arc::clone(kinds));
            let i = self.plans.len();
            entry.plans.push((key, i));
            self.plans.push(Plan {
                devs: Rc::clone(
                    self.devs
                        .get_or_insert_with(|| Rc::new(Devices::new(&scenario))),
                ),
                scenario,
                shape,
                model: at,
                max_ctx: MaxCtxMemo::default(),
                fit_hint: FitHint::default(),
                mmproj_bytes: entry.mmproj_bytes,
                mmproj_unknown: entry.mmproj_unknown,
            });
            Ok(Some(i))
        }
    }
}

/// The architecture of catalog model `model_id`.
fn new_model_entry(model_id: &str) -> Result<ModelEntry, ResolveError> {
    let model = catalog::model(model_id)
        .ok_or_else(|| ResolveError::UnknownModel(String::from(model_id)))?;
    Ok(ModelEntry {
        arch: Arch::from_hf(&model.config)
            .map(Arc::new)
            .map_err(ResolveError::Arch),
        kinds: None,
        mmproj_bytes: model.mmproj_bytes.unwrap_or(0),
        mmproj_unknown: model.projector_size_unknown(),
        plans: Vec::new(),
        ctx_costs: CtxCache::default(),
    })
}

/// A quantization name as a lookup key, kept inline when short so a search
/// compares bytes in place instead of following a pointer per entry.
#[derive(Debug, PartialEq, Eq)]
enum QuantKey {
    /// Names up to 31 bytes: the bytes, zero-padded, and the length.
    Short([u8; 31], u8),
    /// Longer names.
    Long(String),
}

impl QuantKey {
    fn new(name: &str) -> Self {
        let mut bytes = [0u8; 31];
        match bytes.get_mut(..name.len()) {
            Some(head) => {
                head.copy_from_slice(name.as_bytes());
                QuantKey::Short(bytes, name.len() as u8)
            }
            None => QuantKey::Long(String::from(name)),
        }
    }
}
