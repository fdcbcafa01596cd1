//! [`SmallVec`]: a vector that keeps its first few items inline: the per-estimate
//! buffers (block kinds, GPUs) almost always fit, and an estimate then
//! allocates nothing for them.

use alloc::vec::Vec;
use core::ops::{Deref, DerefMut};

/// Up to `N` items inline, on the heap beyond.
#[derive(Clone, Debug)]
pub enum SmallVec<T: Copy + Default, const N: usize> {
    /// The items are `.0[..len]`.
    Inline([T; N], usize),
    /// More than `N` items were needed.
    Heap(Vec<T>),
}

impl<T: Copy + Default, const N: usize> Default for SmallVec<T, N> {
    fn default() -> Self {
        SmallVec::Inline([T::default(); N], 0)
    }
}

impl<T: Copy + Default, const N: usize> SmallVec<T, N> {
    /// Empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `x`.
    pub fn push(&mut self, x: T) {
        match self {
            SmallVec::Inline(items, len) => match items.get_mut(*len) {
                Some(slot) => {
                    *slot = x;
                    *len += 1;
                }
                None => {
                    let mut v = Vec::with_capacity(N * 2 + 1);
                    v.extend_from_slice(items);
                    v.push(x);
                    *self = SmallVec::Heap(v);
                }
            },
            SmallVec::Heap(v) => v.push(x),
        }
    }

    /// Removes every item (keeping any heap buffer).
    pub fn clear(&mut self) {
        match self {
            SmallVec::Inline(_, len) => *len = 0,
            SmallVec::Heap(v) => v.clear(),
        }
    }

    /// Empties it and fills it with `n` copies of `x`.
    pub fn fill(&mut self, x: T, n: usize) {
        match self {
            SmallVec::Heap(v) => {
                v.clear();
                v.resize(n, x);
            }
            SmallVec::Inline(items, len) if n <= N => {
                items.iter_mut().take(n).for_each(|s| *s = x);
                *len = n;
            }
            SmallVec::Inline(..) => *self = SmallVec::Heap(alloc::vec![x; n]),
        }
    }
}

impl<T: Copy + Default + PartialEq, const N: usize> PartialEq for SmallVec<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl<'a, T: Copy + Default, const N: usize> IntoIterator for &'a SmallVec<T, N> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, T: Copy + Default, const N: usize> IntoIterator for &'a mut SmallVec<T, N> {
    type Item = &'a mut T;
    type IntoIter = core::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<T: Copy + Default, const N: usize> Deref for SmallVec<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            SmallVec::Inline(items, len) => items.get(..*len).unwrap_or(&[]),
            SmallVec::Heap(v) => v,
        }
    }
}

impl<T: Copy + Default, const N: usize> DerefMut for SmallVec<T, N> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            SmallVec::Inline(items, len) => items.get_mut(..*len).unwrap_or(&mut []),
            SmallVec::Heap(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SmallVec;

    #[test]
    fn inline_then_heap_keeps_every_item_in_order() {
        let mut v: SmallVec<u32, 2> = SmallVec::new();
        for x in 0..5 {
            v.push(x);
            assert_eq!(v.len(), x as usize + 1);
        }
        assert_eq!(&v[..], &[0, 1, 2, 3, 4]);
        v.fill(7, 1);
        assert_eq!(&v[..], &[7]);
        let mut w: SmallVec<u8, 4> = SmallVec::new();
        w.fill(1, 3);
        assert_eq!(&w[..], &[1, 1, 1]);
        w.fill(2, 6);
        assert_eq!(&w[..], &[2, 2, 2, 2, 2, 2]);
    }
}
