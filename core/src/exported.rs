//! Methods of the core that the Python binding exports as they are.
//!
//! pyo3 reads `#[getter]`, `#[new]` or `#[staticmethod]` on the methods of a
//! `#[pymethods]` block before `cfg_attr` is expanded there, so a block cannot
//! carry them behind the `python` feature the usual way. [`python_methods!`]
//! declares such a block once: without the feature it is a plain `impl`; with
//! it, the same methods form a `#[pymethods]` block (with the stub
//! generator's derive), each with the pyo3 attributes written in brackets
//! before it. The methods stay ordinary Rust methods either way.

/// An `impl` block of public methods that are also Python methods under the
/// `python` feature; `[getter]`, `[staticmethod]`, `[new, pyo3(signature = (…))]`
/// before a method are its pyo3 attributes, applied only with the feature.
macro_rules! python_methods {
    (impl $t:ty { $(
        $(#[$meta:meta])*
        $([$($py:meta),+ $(,)?])?
        pub fn $name:ident ($($args:tt)*) $(-> $ret:ty)? $body:block
    )* }) => {
        #[cfg(feature = "python")]
        #[pyo3_stub_gen::derive::gen_stub_pymethods]
        #[pyo3::pymethods]
        impl $t { $(
            $(#[$meta])* $($(#[$py])+)?
            pub fn $name ($($args)*) $(-> $ret)? $body
        )* }

        #[cfg(not(feature = "python"))]
        impl $t { $(
            $(#[$meta])*
            pub fn $name ($($args)*) $(-> $ret)? $body
        )* }
    };
}
pub(crate) use python_methods;
