//! What of a report could be read and checked: figures with a unit found and bound into a
//! record, 公开 tables listed / printed / read, 绩效自评表 read. Shown per file in JSON, and
//! the ground of the warnings that a table or a whole file could not be checked.

use serde::Serialize;

use super::tables::CellValue;
use super::{ClaimId, ClaimKind, Report};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Figures printed with a unit (万元/元/亿元, %, 人 …), asterisks included.
    pub figures: usize,
    /// Of those, the figures some record holds (a statement, a table cell, a 自评表 row):
    /// the ones a rule can check.
    pub figures_bound: usize,
    /// Figures without a unit that a record holds: table and 自评表 cells.
    pub cells_bound: usize,
    /// 公开 tables (kinds) the report names, in its 目录 or by a printed title.
    pub tables_listed: usize,
    /// Kinds printed (a mark, unit or header line follows the title), read or not.
    pub tables_printed: usize,
    /// Kinds whose rows were read.
    pub tables_read: usize,
    /// 绩效自评表 printed (a title followed by a table), read or not.
    pub forms_printed: usize,
    /// 绩效自评表 read.
    pub forms_read: usize,
}

impl Coverage {
    /// Nothing the rules could compare: no figure bound into any record.
    pub fn nothing_checked(&self) -> bool {
        self.figures_bound == 0 && self.cells_bound == 0
    }
}

impl Report {
    /// Which claims a record holds.
    fn bound_claims(&self) -> Vec<bool> {
        let mut bound = vec![false; self.claims.len()];
        let mut mark = |id: ClaimId| {
            if let Some(b) = bound.get_mut(id) {
                *b = true;
            }
        };
        for c in &self.changes {
            [c.current, c.previous, Some(c.amount), c.rate]
                .into_iter()
                .flatten()
                .for_each(&mut mark);
            c.components.iter().for_each(|p| mark(p.amount));
        }
        self.unchanged
            .iter()
            .filter_map(|u| u.current)
            .for_each(&mut mark);
        for b in &self.breakdowns {
            mark(b.total);
            for p in &b.parts {
                mark(p.amount);
                p.share.into_iter().for_each(&mut mark);
            }
        }
        for s in &self.shares {
            [Some(s.part), Some(s.whole), Some(s.share), s.alternative]
                .into_iter()
                .flatten()
                .for_each(&mut mark);
        }
        for r in &self.rates {
            [r.actual, r.budget, r.rate].into_iter().for_each(&mut mark);
        }
        for i in &self.items {
            [Some(i.actual), i.budget, i.rate]
                .into_iter()
                .flatten()
                .for_each(&mut mark);
        }
        for t in &self.items_totals {
            [Some(t.actual), t.budget]
                .into_iter()
                .flatten()
                .for_each(&mut mark);
        }
        for e in &self.self_evaluations {
            for f in &e.funds {
                [f.initial, f.adjusted, f.actual, f.rate, f.weight, f.score]
                    .into_iter()
                    .flatten()
                    .for_each(&mut mark);
            }
            for i in &e.indicators {
                let measures = [&i.target, &i.actual].into_iter().flatten();
                measures.filter_map(|m| m.value).for_each(&mut mark);
                [i.weight, i.score]
                    .into_iter()
                    .flatten()
                    .for_each(&mut mark);
            }
            e.groups.iter().for_each(|g| mark(g.weight));
            [
                e.indicators_weight,
                e.execution_weight,
                e.total_weight,
                e.total_score,
            ]
            .into_iter()
            .flatten()
            .for_each(&mut mark);
        }
        self.grades.iter().for_each(|g| mark(g.score));
        for m in &self.project_mentions {
            [m.initial, m.adjusted, m.actual]
                .into_iter()
                .flatten()
                .for_each(&mut mark);
        }
        for t in &self.tables {
            for v in t
                .blocks
                .iter()
                .flat_map(|b| &b.rows)
                .flat_map(|r| &r.values)
            {
                if let CellValue::Figure(id) = v {
                    mark(*id);
                }
            }
        }
        self.stated_figures.iter().for_each(|f| mark(f.claim));
        self.named_rates.iter().for_each(|r| mark(r.claim));
        self.project_amounts.iter().for_each(|p| mark(p.claim));
        let s = &self.spending;
        if let Some(t) = &s.three_public {
            for f in &t.figures {
                [f.actual, f.budget, f.rate, f.share]
                    .into_iter()
                    .flatten()
                    .for_each(&mut mark);
            }
            for split in [&t.vehicles.bought, &t.vehicles.held] {
                split.total.into_iter().for_each(&mut mark);
                split.parts.iter().for_each(|p| mark(p.1));
            }
            t.vehicles.added.into_iter().for_each(&mut mark);
            for v in [&t.reception, &t.overseas] {
                [v.batches, v.people]
                    .into_iter()
                    .flatten()
                    .for_each(&mut mark);
            }
        }
        if let Some(o) = &s.operating_costs {
            mark(o.amount);
        }
        if let Some(p) = &s.procurement {
            [
                p.total,
                p.goods,
                p.works,
                p.services,
                p.sme,
                p.sme_share,
                p.micro,
                p.micro_share,
            ]
            .into_iter()
            .flatten()
            .for_each(&mut mark);
        }
        if let Some(a) = &s.assets {
            a.vehicles.total.into_iter().for_each(&mut mark);
            a.vehicles.parts.iter().for_each(|p| mark(p.1));
            a.equipment.iter().for_each(|p| mark(p.1));
        }
        bound
    }

    pub fn coverage(&self) -> Coverage {
        let bound = self.bound_claims();
        let with_unit = |k: &ClaimKind| !matches!(k, ClaimKind::Bare);
        let mut cov = Coverage::default();
        for (c, b) in self.claims.iter().zip(&bound) {
            if with_unit(&c.kind) && !c.threshold {
                cov.figures += 1;
                cov.figures_bound += usize::from(*b);
            } else if *b {
                cov.cells_bound += 1;
            }
        }
        let mut listed = Vec::new();
        let mut printed = Vec::new();
        let mut read = Vec::new();
        for t in &self.tables {
            for v in [&mut listed, &mut printed, &mut read] {
                if !v.contains(&t.kind) {
                    v.push(t.kind);
                }
            }
        }
        for l in &self.listed_tables {
            if !listed.contains(&l.kind) {
                listed.push(l.kind);
            }
            if l.unread.is_some() && !printed.contains(&l.kind) {
                printed.push(l.kind);
            }
        }
        cov.tables_listed = listed.len();
        cov.tables_printed = printed.len();
        cov.tables_read = read.len();
        cov.forms_read = self.self_evaluations.len();
        cov.forms_printed = cov.forms_read + self.unread_forms.len();
        cov
    }
}
