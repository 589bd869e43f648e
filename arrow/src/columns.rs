//! A record batch built column by column: names, types and arrays kept
//! together, for the small tables of the front end (diagnostics, the
//! accounting export).

use crate::sweep::{money, optional_money};
use arrow_array::builder::{Date32Builder, Float64Builder, StringBuilder, UInt32Builder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use coopetition::policy::batch::days_from_date;
use coopetition::Error;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Columns in the making: names, types and arrays.
pub(crate) struct Columns {
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
}

impl Columns {
    pub(crate) fn new() -> Columns {
        Columns { fields: Vec::new(), arrays: Vec::new() }
    }

    pub(crate) fn text<'a>(mut self, name: &str, values: impl Iterator<Item = &'a str>) -> Columns {
        let mut b = StringBuilder::new();
        values.for_each(|v| b.append_value(v));
        self.fields.push(Field::new(name, DataType::Utf8, false));
        self.arrays.push(Arc::new(b.finish()));
        self
    }

    pub(crate) fn count(mut self, name: &str, values: impl Iterator<Item = u64>) -> Columns {
        let mut b = UInt64Builder::new();
        values.for_each(|v| b.append_value(v));
        self.fields.push(Field::new(name, DataType::UInt64, false));
        self.arrays.push(Arc::new(b.finish()));
        self
    }

    pub(crate) fn small(mut self, name: &str, values: impl Iterator<Item = u32>) -> Columns {
        let mut b = UInt32Builder::new();
        values.for_each(|v| b.append_value(v));
        self.fields.push(Field::new(name, DataType::UInt32, false));
        self.arrays.push(Arc::new(b.finish()));
        self
    }

    pub(crate) fn ratio(mut self, name: &str, values: impl Iterator<Item = Option<f64>>) -> Columns {
        let mut b = Float64Builder::new();
        values.for_each(|v| b.append_option(v));
        self.fields.push(Field::new(name, DataType::Float64, true));
        self.arrays.push(Arc::new(b.finish()));
        self
    }

    pub(crate) fn money(mut self, name: &str, values: impl Iterator<Item = Decimal>) -> Result<Columns, Error> {
        self.arrays.push(money(name, values)?);
        self.fields.push(Field::new(name, DataType::Decimal128(38, 2), false));
        Ok(self)
    }

    pub(crate) fn optional_text<'a>(mut self, name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Columns {
        let mut b = StringBuilder::new();
        values.for_each(|v| b.append_option(v));
        self.fields.push(Field::new(name, DataType::Utf8, true));
        self.arrays.push(Arc::new(b.finish()));
        self
    }

    pub(crate) fn date(mut self, name: &str, values: impl Iterator<Item = NaiveDate>) -> Columns {
        let mut b = Date32Builder::new();
        values.for_each(|d| b.append_value(days_from_date(d)));
        self.fields.push(Field::new(name, DataType::Date32, false));
        self.arrays.push(Arc::new(b.finish()));
        self
    }

    pub(crate) fn optional_money(
        mut self,
        name: &str,
        values: impl Iterator<Item = Option<Decimal>>,
    ) -> Result<Columns, Error> {
        self.arrays.push(optional_money(name, values)?);
        self.fields.push(Field::new(name, DataType::Decimal128(38, 2), true));
        Ok(self)
    }

    pub(crate) fn batch(self, what: &str) -> Result<RecordBatch, Error> {
        RecordBatch::try_new(Arc::new(Schema::new(self.fields)), self.arrays)
            .map_err(|e| Error::BatchColumn { column: what.to_owned(), message: e.to_string() })
    }
}
