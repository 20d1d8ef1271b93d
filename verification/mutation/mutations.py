# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
"""Mutations for verification/mutation/run.py: one realistic bug per (class, bug kind); see docs/verification.md."""

# Kinds judged NOT applicable, per class (and, after "applies, not planted", kinds that do apply but
# are left out: the same lines are planted in a sibling class, or the list would pass ~60 entries).
#
# AtomicCounter: no lost-wake-up, missing-refund (nothing parks or reserves), off-by-one-capacity (unbounded),
#   publication-order (one variable, nothing is published with it), skipped-check (no version, owner or policy).
# StripedCounter: no lost-wake-up, missing-refund, off-by-one-capacity (MAX_CELLS only bounds growth, a heuristic),
#   skipped-check (`previous != seen` only decides growth). Applies, not planted: give-up-after-one-cas (return
#   after the failed CAS on base), weakened-access (the volatile read of `cells` that publishes the table).
# LockedCounter: no CAS, retry loop, access mode, blocking, reservation, capacity, publication order or check:
#   every access is under `synchronized`; cas-to-plain is planted as the add run outside the lock.
#   Applies, not planted: weakened-access (get() outside the lock).
# TasLock: no give-up-after-one-cas (lock() retries by design, tryLock() is one attempt by contract), lost-wake-up
#   (never parks), missing-refund (a waiter holds nothing), off-by-one-capacity. Applies, not planted:
#   publication-order (owner cleared after the release: planted in BackoffLock, same lines).
# TtasLock: as TasLock. Applies, not planted: weakened-access, skipped-check, publication-order (TasLock's lines).
# BackoffLock: as TasLock; the backoff bounds are tuning (an off-by-one there breaks no guarantee).
#   Applies, not planted: weakened-access, skipped-check (TasLock's lines).
# TicketLock: no give-up-after-one-cas (tryLock is one CAS by contract), lost-wake-up (never parks),
#   off-by-one-capacity. Applies, not planted: weakened-access (unlock's release), skipped-check (owner check),
#   publication-order (owner cleared after the release): the same lines as TasLock's.
# ClhLock: no give-up-after-one-cas (the only CASes are single attempts that have an else path), off-by-one-capacity.
#   lost-wake-up here is a spin that is never released (no park). Applies, not planted: cas-to-plain (the tail
#   exchange), weakened-access (unlock's release), skipped-check (owner check), publication-order (holderNode
#   cleared after the release).
# McsLock: no missing-refund (no timeout or interrupt: a waiter cannot leave), give-up-after-one-cas, lost-wake-up
#   (never parks), off-by-one-capacity. Applies, not planted: cas-to-plain (unlock's tail CAS, or the exchange).
# ReentrantMutex: no off-by-one-capacity (the Integer.MAX_VALUE hold guard is overflow, not capacity).
#   Applies, not planted: cas-to-plain (tryAcquire's CAS), give-up-after-one-cas (enqueue's CAS loop),
#   publication-order (releaseAll writes holds = 0 after owner = null), and a second lost-wake-up (a waiter that
#   parks right after setting parkRequested, without the re-check).
# ConditionQueue: no weakened-access (every shared access is volatile or a CAS; the list is under the lock),
#   missing-refund (a waiter always restores its holds), off-by-one-capacity, publication-order (the list is under
#   the lock; the one order that matters, join before release, is planted as lost-wake-up).
#   Applies, not planted: skipped-check (signal's owner check).
# ReadWriteMutex: the reader wake-up (2026-12-05) adds a bug of four kinds: lost-wake-up, missing-refund,
#   skipped-check and publication-order. Applies, not planted: give-up-after-one-cas (tryAcquireRead's CAS loop),
#   publication-order (writer cleared after the release), off-by-one-capacity (the 65,535 read-hold limit), and
#   a lost-wake-up in the gate hand-off (unlockGate not serving grantPending).
# TokenBucket: no weakened-access (it publishes no data; every read of `consumed` is validated by a CAS),
#   publication-order (the queue changes under the gate). Applies, not planted: give-up-after-one-cas (tryAcquire
#   reporting false after one lost CAS), lost-wake-up (giveUp not unparking the waiters behind, who then wake at
#   their old, later due: late on a real clock, hung on a stopped ManualTimeSource; generated as
#   BrokenWakeUpBucket), off-by-one-capacity (checkPermits' `>`, `produced - capacity`).
#   Not the timeout path for missing-refund: a timed waiter is admitted only if its tokens are due in time,
#   so the interrupt path is the reachable one.
# RateMath: pure arithmetic; only a rounding that creates tokens applies, planted as off-by-one-capacity
#   (the nearest kind: one token too many, at the edge of a whole token).
# MpmcArrayQueue: no lost-wake-up (never parks). Applies, not planted: give-up-after-one-cas (a lost index
#   CAS reported as full or empty), missing-refund (fill's slot not published as skipped when the supplier throws),
#   skipped-check (peek's validating re-read of the consumer index).
# LockFreeLinkedQueue: no lost-wake-up, missing-refund, off-by-one-capacity (unbounded, never parks), skipped-check
#   (the re-reads of head and tail are argued safe to skip: a stale snapshot only makes the next CAS fail).
#   Applies, not planted: cas-to-plain (poll's head CAS), weakened-access (the self-link's release).
# LockingArrayQueue: no cas-to-plain, give-up-after-one-cas, weakened-access, publication-order (one lock orders every
#   access), missing-refund (a waiter reserves nothing before it proceeds under the lock).
# LockingPriorityQueue: no cas-to-plain, give-up-after-one-cas, weakened-access, publication-order (one lock orders
#   every access), missing-refund (nothing reserved). Applies, not planted: a take that does not re-test (planted in
#   LockingArrayQueue, same code).
# SpscArrayQueue: no cas-to-plain, give-up-after-one-cas (no CAS: one writer per index), lost-wake-up, missing-refund
#   (never blocks, reserves nothing), skipped-check (the one-producer one-consumer contract is unchecked by design).
# TwoLockLinkedQueue: no give-up-after-one-cas (no CAS loop), missing-refund (announcements are undone in finally).
#   Applies, not planted: skipped-check (offer's re-check of the count under the put lock), off-by-one-capacity
#   (a consumer's full-to-non-full test), weakened-access (the consumer's read of the count under the take lock).
# TreiberStack: no lost-wake-up, missing-refund, off-by-one-capacity (unbounded, never parks), skipped-check.
#   Applies, not planted: give-up-after-one-cas (push's retry loop; planted in EliminationBackoffStack's).
# EliminationBackoffStack: no fields of its own: cas-to-plain, weakened-access and publication-order belong to
#   TreiberStack and LockFreeExchanger; no lost-wake-up, missing-refund (a bounded spin, never parks; a
#   withdrawn offer keeps its element), off-by-one-capacity.
# LockFreeExchanger: no off-by-one-capacity (one slot), publication-order (the offer's value is final), skipped-check
#   (no owner, version or policy). Applies, not planted: give-up-after-one-cas (matchWaitingOffer looking once).
# LockingStack: no cas-to-plain, give-up-after-one-cas, weakened-access, publication-order (one lock), missing-refund
#   (nothing reserved). Applies, not planted: skipped-check (a woken waiter that does not re-test: planted in
#   LockingArrayQueue, same code).
#
# Event: no off-by-one-capacity (no bound), weakened-access (every shared access is volatile, a CAS or an RMW),
#   publication-order (a node's fields are final or written before the CAS that publishes it; the status is
#   written before the unpark, and that order is the lost-wake-up planted). Applies, not planted: a sweep that
#   does not restart when its predecessor was cancelled meanwhile (it leaves a cancelled node linked, a leak).
# CountDownLatch: no missing-refund (its waiting is Event's), weakened-access (every access is volatile or a CAS),
#   publication-order (the handshake's order is the lost-wake-up planted), skipped-check (the timed await's re-read of the count only decides a
#   waiter that timed out as the count reached zero: true or false are both right then).
# Semaphore: no weakened-access (permits, head, the queue length and a node's status are volatile or changed by
#   CAS; the links are plain but read and written under the lock only). publication-order is the handshake's
#   order in release(); the same order in an arrival (enqueue, then grant) is argued in the notes.
# Barrier: no cas-to-plain, give-up-after-one-cas, weakened-access (no CAS, no VarHandle: every field is read
#   and written under the lock, or read after the Event that publishes it). Applies, not planted: a second
#   lost-wake-up (trip() not setting the event: generated as BrokenTripBarrier), a second missing-refund (the
#   zero-timeout arrival: generated as BrokenTimeoutBarrier).
# token-bucket.lua (RedisTokenBucket's script, run atomically by Redis): no cas-to-plain, give-up-after-one-cas,
#   weakened-access, publication-order (one script is one atomic step: no CAS, no access mode, no interleaving
#   inside it; the check and the write split over two calls is the conformance and Lincheck tests' control),
#   lost-wake-up (the waiter parks in the JVM for a time the reply states; nothing wakes it). The kinds that
#   apply are planted at each check the refund makes, at the capacity, at the expiry and in the confirmation.
#
# cas-to-plain mutations read and write with volatile semantics (getVolatile/setVolatile or the volatile field),
# not plain `get`/`set`: only the atomicity is lost, so AccessModeCommentsTest does not catch them by their
# missing comment, and the table shows whether the class's own tests see the race.

MUTATIONS = [
    # ---- counters ---------------------------------------------------------------------------------
    dict(
        id="counters.AtomicCounter.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/counters/AtomicCounter.java",
        find="""        // RMW (getAndAdd): linearization point.
        VALUE.getAndAdd(this, 1L);""",
        replace="""        // RMW (getAndAdd): linearization point.
        value = value + 1L;""",
        bug="increment() is a volatile read then a volatile write of value + 1, not an atomic add: concurrent increments are lost",
    ),
    dict(
        id="counters.AtomicCounter.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="primitives/src/main/java/dev/interlock/counters/AtomicCounter.java",
        find="""            long next = updateFunction.applyAsLong(current);
            long witness = (long) VALUE.compareAndExchange(this, current, next);
            if (witness == current) {
                return returnNewValue ? next : current; // the successful CAS is the linearization point.
            }
            current = witness; // another thread's update won: retry from the value it left.""",
        replace="""            long next = updateFunction.applyAsLong(current);
            long witness = (long) VALUE.compareAndExchange(this, current, next);
            if (witness == current) {
                return returnNewValue ? next : current; // the successful CAS is the linearization point.
            }
            return returnNewValue ? next : current; // another thread's update won: reported as done anyway.""",
        bug="getAndUpdate/updateAndGet give up after one failed CAS and report the update as done, which was never applied",
    ),
    dict(
        id="counters.AtomicCounter.weakened-access",
        kind="weakened-access",
        file="primitives/src/main/java/dev/interlock/counters/AtomicCounter.java",
        find="""        VALUE.setRelease(this, newValue); // release: pairs with getAcquire, get and every RMW.""",
        replace="""        VALUE.set(this, newValue); // release: pairs with getAcquire, get and every RMW.""",
        bug="setRelease() writes plain: writes before it may become visible after the new value to a getAcquire reader",
    ),
    dict(
        id="counters.StripedCounter.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/counters/StripedCounter.java",
        find="""        long previous = (long) PaddedLongField.VALUE.getAndAdd(cell, delta); // RMW (getAndAdd): linearization point.""",
        replace="""        long previous = cell.value; // RMW (getAndAdd): linearization point.
        cell.value = previous + delta;""",
        bug="a cell is updated by a volatile read then a volatile write, not getAndAdd: threads that share a cell lose updates",
    ),
    dict(
        id="counters.StripedCounter.publication-order",
        kind="publication-order",
        file="primitives/src/main/java/dev/interlock/counters/StripedCounter.java",
        find="""        for (int i = kept; i < size; i++) {
            grown[i] = new Cell();
        }
        Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown); // CAS: publishes the table and its cells.""",
        replace="""        Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown); // CAS: publishes the table and its cells.
        for (int i = kept; i < size; i++) {
            grown[i] = new Cell();
        }""",
        bug="the cell table is published by its CAS before its new cells are created: an update or a get can meet a null cell",
    ),
    dict(
        id="counters.LockedCounter.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/counters/LockedCounter.java",
        find="""        synchronized (lock) {
            value += delta; // plain, under the lock: linearization point.
        }""",
        replace="""        value += delta; // plain, under the lock: linearization point.""",
        bug="add() runs its read-modify-write of the plain field outside the lock: concurrent adds are lost",
    ),

    # ---- spin locks -------------------------------------------------------------------------------
    dict(
        id="locks.TasLock.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/locks/spin/TasLock.java",
        find="""        while ((boolean) LOCKED.getAndSet(this, true)) {
            Thread.onSpinWait();
        }
        // RMW (getAndSet) returned false above: the linearization point of lock().""",
        replace="""        while ((boolean) LOCKED.getVolatile(this)) {
            Thread.onSpinWait();
        }
        LOCKED.setVolatile(this, true);
        // RMW (getAndSet) returned false above: the linearization point of lock().""",
        bug="lock() waits until it reads the flag false, then writes true: a test-then-set, so two threads can both enter",
    ),
    dict(
        id="locks.TasLock.weakened-access",
        kind="weakened-access",
        file="primitives/src/main/java/dev/interlock/locks/spin/TasLock.java",
        find="""        LOCKED.setRelease(this, false); // release: the linearization point of unlock(); pairs with the next getAndSet.""",
        replace="""        LOCKED.set(this, false); // release: the linearization point of unlock(); pairs with the next getAndSet.""",
        bug="unlock() clears the flag with a plain write: the critical section's writes may be seen after the lock is free",
    ),
    dict(
        id="locks.TasLock.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/locks/spin/TasLock.java",
        find="""        if (OWNER.getOpaque(this) != Thread.currentThread()) { // see setOwner() for why opaque is enough""",
        replace="""        if (OWNER.getOpaque(this) == null) { // see setOwner() for why opaque is enough""",
        bug="unlock() checks only that some thread holds the lock, not that the caller does: a non-owner releases the owner's lock",
    ),
    dict(
        id="locks.TtasLock.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/locks/spin/TtasLock.java",
        find="""            if (!(boolean) LOCKED.getAndSet(this, true)) {
                break; // RMW (getAndSet) returned false: the linearization point of lock().""",
        replace="""            if (!(boolean) LOCKED.getVolatile(this)) {
                LOCKED.setVolatile(this, true);
                break; // RMW (getAndSet) returned false: the linearization point of lock().""",
        bug="lock()'s test-and-set is a volatile read of false then a write of true: two spinners released together both enter",
    ),
    dict(
        id="locks.BackoffLock.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/locks/spin/BackoffLock.java",
        find="""            if (!(boolean) LOCKED.getAndSet(this, true)) {
                break; // RMW (getAndSet) returned false: the linearization point of the acquisition.""",
        replace="""            if (!(boolean) LOCKED.getVolatile(this)) {
                LOCKED.setVolatile(this, true);
                break; // RMW (getAndSet) returned false: the linearization point of the acquisition.""",
        bug="the acquisition's test-and-set is a volatile read of false then a write of true: two waiters can both enter",
    ),
    dict(
        id="locks.BackoffLock.publication-order",
        kind="publication-order",
        file="primitives/src/main/java/dev/interlock/locks/spin/BackoffLock.java",
        find="""        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.
        LOCKED.setRelease(this, false); // release: the linearization point of unlock(); pairs with the next getAndSet.""",
        replace="""        LOCKED.setRelease(this, false); // release: the linearization point of unlock(); pairs with the next getAndSet.
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.""",
        bug="unlock() clears the owner after releasing the flag: it can erase the next holder's owner, whose unlock() then throws",
    ),
    dict(
        id="locks.TicketLock.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/locks/spin/TicketLock.java",
        find="""        int ticket = (int) NEXT.getAndAdd(this, 1); // RMW: my place in line.""",
        replace="""        int ticket = (int) NEXT.getVolatile(this); // RMW: my place in line.
        NEXT.setVolatile(this, ticket + 1);""",
        bug="lock() takes its ticket by a volatile read then a write of next + 1: two threads can draw the same ticket and both enter",
    ),
    dict(
        id="locks.TicketLock.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/locks/spin/TicketLock.java",
        find="""        int s = (int) SERVING.getAcquire(this); // acquire: pairs with the previous owner's release.
        if (!NEXT.compareAndSet(this, s, s + 1)) {""",
        replace="""        int s = (int) NEXT.getAndAdd(this, 1); // RMW: my place in line.
        if ((int) SERVING.getAcquire(this) != s) { // acquire: pairs with the previous owner's release.""",
        bug="tryLock() takes a ticket first and keeps it when it fails: that ticket is never served away, so every later one waits forever",
    ),
    dict(
        id="locks.ClhLock.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/locks/spin/ClhLock.java",
        find="""                    abandon(node, pred);
                    if (interrupted) {
                        throw new InterruptedException();
                    }""",
        replace="""                    if (interrupted) {
                        abandon(node, pred);
                        throw new InterruptedException();
                    }""",
        bug="a waiter that times out (or a tryLock() that is not first) returns without leaving the queue: its node blocks every later waiter",
    ),
    dict(
        id="locks.ClhLock.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/spin/ClhLock.java",
        find="""        if (!TAIL.compareAndSet(this, node, pred)) { // CAS: still last? Then undo the join; nobody saw node.
            // A successor is behind the node: tell it whom to wait on instead.
            PRED.setRelease(node, pred); // release: pairs with the successor's acquire read.
        }""",
        replace="""        TAIL.compareAndSet(this, node, pred); // CAS: still last? Then undo the join; nobody saw node.""",
        bug="a waiter that gives up with a successor behind it does not point its node at its predecessor: the successor spins forever",
    ),
    dict(
        id="locks.McsLock.publication-order",
        kind="publication-order",
        file="primitives/src/main/java/dev/interlock/locks/spin/McsLock.java",
        find="""        LOCKED.set(node, true); // plain: as above.
        Node pred = (Node) TAIL.getAndSet(this, node); // RMW: joins the queue, fixing the FIFO order.
        if (pred != null) {
            NEXT.setRelease(pred, node); // release: pairs with the predecessor's acquire read in unlock().""",
        replace="""        Node pred = (Node) TAIL.getAndSet(this, node); // RMW: joins the queue, fixing the FIFO order.
        if (pred != null) {
            NEXT.setRelease(pred, node); // release: pairs with the predecessor's acquire read in unlock().
            LOCKED.set(node, true); // plain: as above.""",
        bug="lock() sets its wait flag after linking behind its predecessor: a hand-off in between is overwritten and the waiter spins forever",
    ),
    dict(
        id="locks.McsLock.weakened-access",
        kind="weakened-access",
        file="primitives/src/main/java/dev/interlock/locks/spin/McsLock.java",
        find="""        LOCKED.setRelease(successor, false); // release: the linearization point; pairs with the successor's acquire.""",
        replace="""        LOCKED.set(successor, false); // release: the linearization point; pairs with the successor's acquire.""",
        bug="unlock() hands the lock on with a plain write of the successor's flag: the critical section's writes may not be visible to it",
    ),
    dict(
        id="locks.McsLock.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/locks/spin/McsLock.java",
        find="""        if (TAIL.getOpaque(this) != null) {
            return false;
        }
        Node node = myNode.get();""",
        replace="""        Node node = myNode.get();""",
        bug="tryLock() skips its check of the tail: the holder's own tryLock() resets its node's next link and cuts off its successor",
    ),

    # ---- locks ------------------------------------------------------------------------------------
    dict(
        id="locks.ReentrantMutex.weakened-access",
        kind="weakened-access",
        file="primitives/src/main/java/dev/interlock/locks/ReentrantMutex.java",
        find="""            owner = null; // volatile write, not just release (see "No lost wake-up"): linearization point.""",
        replace="""            OWNER.setRelease(this, null); // volatile write, not just release (see "No lost wake-up"): linearization point.""",
        bug="unlock() frees the lock with a release store, not a volatile write: the read of the queue may pass it and miss a waiter (StoreLoad)",
    ),
    dict(
        id="locks.ReentrantMutex.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/ReentrantMutex.java",
        find="""        node.status = CANCELLED; // volatile write, then the volatile read of owner: Dekker with unlock().
        if (owner == null) {
            wakeFirstWaiter();
        }""",
        replace="""        node.status = CANCELLED; // volatile write, then the volatile read of owner: Dekker with unlock().""",
        bug="a waiter that cancels (timeout, interrupt) as the unlock chose it does not pass the wake-up on: the next waiter sleeps on a free lock",
    ),
    dict(
        id="locks.ReentrantMutex.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/locks/ReentrantMutex.java",
        find="""                if (remaining <= 0L) {
                    cancel(node);
                    return false;
                }""",
        replace="""                if (remaining <= 0L) {
                    return false;
                }""",
        bug="a timed tryLock that times out returns without cancelling its queue node: the waiters behind it never become first",
    ),
    dict(
        id="locks.ReentrantMutex.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/locks/ReentrantMutex.java",
        find="""            if (respectQueue && head != tail) {
                return false; // fair: queued threads go first.
            }
""",
        replace="",
        bug="a fair mutex skips its check of the queue: a newcomer barges past queued threads",
    ),
    dict(
        id="locks.ConditionQueue.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/locks/ConditionQueue.java",
        find="""            if (STATUS.compareAndSet(node, CONDITION, SIGNALLED)) { // CAS: signal vs interrupt or timeout.""",
        replace="""            if (node.status == CONDITION) { // CAS: signal vs interrupt or timeout.
                node.status = SIGNALLED;""",
        bug="signal() decides the race with an interrupt or timeout by a check then a write: both can win, and the signal is lost",
    ),
    dict(
        id="locks.ConditionQueue.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="primitives/src/main/java/dev/interlock/locks/ConditionQueue.java",
        find="""        checkHeldExclusively("signal()");
        Waiter<P> node = firstWaiter;
        while (node != null) {""",
        replace="""        checkHeldExclusively("signal()");
        Waiter<P> node = firstWaiter;
        if (node != null) {""",
        bug="signal() gives up after one failed CAS: when the first waiter has already timed out or been interrupted, no one is signalled",
    ),
    dict(
        id="locks.ConditionQueue.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/ConditionQueue.java",
        find="""        append(node);
        int savedHolds = releaseAllHolds();""",
        replace="""        int savedHolds = releaseAllHolds();
        append(node);""",
        bug="await() joins the wait set after releasing the lock: a signal sent in between finds no waiter, and the waiter sleeps on",
    ),
    dict(
        id="locks.ReentrantMutex.transfer-lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/ReentrantMutex.java",
        find="""        node.parkRequested = true; // volatile write: the waiter may be parked already, so any release unparks it.
""",
        replace="",
        bug="a signal queues its waiter for the lock without marking it parked: the release that makes it first does not unpark it, and it sleeps on",
    ),
    dict(
        id="locks.ReadWriteMutex.transfer-lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        ticket.parking = true; // volatile write: the waiter may be parked already, so its service unparks it.
""",
        replace="",
        bug="a signal queues its waiter for the write lock without marking it parked: its grant does not unpark it, and it sleeps holding the lock",
    ),
    dict(
        id="locks.ReadWriteMutex.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        if (STATE.compareAndSet(this, observed, observed + WRITE_UNIT)) { // the successful CAS is the linearization point.""",
        replace="""        if (state == observed) { // the successful CAS is the linearization point.
            state = observed + WRITE_UNIT;""",
        bug="a writer takes the lock by a volatile read then a write of the state: two writers, or a reader and a writer, both get in",
    ),
    dict(
        id="locks.ReadWriteMutex.weakened-access",
        kind="weakened-access",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        state = state + WRITE_UNIT; // volatile write (invariant 1: only we change it now). Linearization point.""",
        replace="""        STATE.setRelease(this, state + WRITE_UNIT); // volatile write (invariant 1: only we change it now). Linearization point.""",
        bug="the write unlock is a release store: the read of the waiter count may pass it, and a queued thread is never admitted",
    ),
    dict(
        id="locks.ReadWriteMutex.fence-removed",
        kind="weakened-access",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""            // The store-store fence: the odd sequence is visible before our data writes (see the notes).
            VarHandle.storeStoreFence();
""",
        replace="",
        bug="the writer's store-store fence is gone: on ARM or POWER a data write may be seen before the odd sequence, and an optimistic read that saw it still validates",
    ),
    dict(
        id="locks.ReadWriteMutex.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        return isWriteLocked(current) ? 0L : (current & SEQUENCE_MASK) | 1L;""",
        replace="""        return (current & SEQUENCE_MASK) | 1L;""",
        bug="tryOptimisticRead() skips its write-locked check: a stamp taken mid-write validates while that writer still holds the lock",
    ),
    dict(
        id="locks.ReadWriteMutex.skipped-check-policy",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""                case WRITER_PREFERRING -> lock.waitingWriters != 0;""",
        replace="""                case WRITER_PREFERRING -> false;""",
        bug="WRITER_PREFERRING skips its check of waiting writers: new readers keep entering while a writer waits, and it starves",
    ),
    dict(
        id="locks.ReadWriteMutex.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        if ((before & READ_MASK) == 1L && waitingWriters != 0) {""",
        replace="""        if ((before & READ_MASK) == 0L && waitingWriters != 0) {""",
        bug="the last read unlock tests the count after its decrement, 0, against the count before it: it never hands the lock to a queued writer",
    ),
    dict(
        id="locks.ReadWriteMutex.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""                    if (withdraw(ticket)) {
                        return false;
                    }
                    break; // served as we gave up: the grant stands, or we compete once more.""",
        replace="""                    withdraw(ticket);
                    return false;""",
        bug="a timed acquisition that was granted the lock just as it timed out reports failure and never releases the hold it was given",
    ),
    dict(
        id="locks.ReadWriteMutex.lost-wake-up-woken-reader",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        WOKEN_READERS.getAndAdd(this, -1); // RMW
        if (waiters != 0) { // volatile read, after the RMW: see "No lost wake-up".
            admitQueued();
        }""",
        replace="""        WOKEN_READERS.getAndAdd(this, -1); // RMW""",
        bug="a woken reader that gives up leaves the readers in flight without serving the queue: a writer that waits for it (READER_PREFERRING) sleeps",
    ),
    dict(
        id="locks.ReadWriteMutex.missing-refund-woken-reader",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        if (acquired) {
            WOKEN_READERS.getAndAdd(this, -1); // RMW, after our hold is in the state: see "No lost wake-up".
        }
        return acquired;""",
        replace="""        return acquired;""",
        bug="a woken reader that enters stays counted in flight: READER_PREFERRING's queued writers wait for it for ever",
    ),
    dict(
        id="locks.ReadWriteMutex.skipped-check-reader-preference",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""                case READER_PREFERRING -> lock.waiters != lock.waitingWriters || lock.wokenReaders != 0; // a reader queued or woken.""",
        replace="""                case READER_PREFERRING -> false;""",
        bug="under READER_PREFERRING a new writer takes the lock while readers are queued or woken: writers can overtake a reader without end",
    ),
    dict(
        id="locks.ReadWriteMutex.publication-order",
        kind="publication-order",
        file="primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java",
        find="""        reader.woken = true; // plain: published by the volatile write of served.
        serve(reader);""",
        replace="""        serve(reader);
        reader.woken = true; // plain: published by the volatile write of served.""",
        bug="a woken reader's ticket is marked woken after it is served: the reader can read served and not woken, and count a hold it was never given",
    ),

    # ---- rate limiting ----------------------------------------------------------------------------
    dict(
        id="ratelimit.TokenBucket.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/ratelimit/TokenBucket.java",
        find="""            if (CONSUMED.compareAndSet(this, current, start + permits)) {
                return true;                                   // the successful CAS is the linearization point""",
        replace="""            if (consumed == current) {
                consumed = start + permits;
                return true;                                   // the successful CAS is the linearization point""",
        bug="tryAcquire takes its tokens by a volatile re-read then a write of consumed: two threads can take the same tokens",
    ),
    dict(
        id="ratelimit.TokenBucket.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/ratelimit/TokenBucket.java",
        find="""            if (Thread.interrupted()) {
                giveUp(waiter);
                throw new InterruptedException();""",
        replace="""            if (Thread.interrupted()) {
                leave(waiter);
                throw new InterruptedException();""",
        bug="an interrupted waiter leaves the queue without giving back its reserved tokens: the waiters behind it wait for tokens no one gets",
    ),
    dict(
        id="ratelimit.TokenBucket.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/ratelimit/TokenBucket.java",
        find="""            } else if (consumed == current) {
                // Volatile re-read: consumed did not change while the clock was read, so the bucket""",
        replace="""            } else {
                // Volatile re-read: consumed did not change while the clock was read, so the bucket""",
        bug="a denied probe skips its re-read of consumed: it reports tokens and a wait from a state the bucket never had at one instant",
    ),
    dict(
        id="ratelimit.RateMath.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="primitives/src/main/java/dev/interlock/ratelimit/RateMath.java",
        find="""            return low / c; // the common case: the product fits in 63 bits""",
        replace="""            return low / c + (low % c == 0 ? 0 : 1); // the common case: the product fits in 63 bits""",
        bug="multiplyDivide rounds up instead of down: the bucket counts a token as produced as soon as any fraction of it has accrued",
    ),

    # ---- queues -----------------------------------------------------------------------------------
    dict(
        id="queues.MpmcArrayQueue.cas-to-plain",
        kind="cas-to-plain",
        file="structures/src/main/java/dev/interlock/queues/MpmcArrayQueue.java",
        find="""                if (INDEX.compareAndSet(producerIndex, index, index + 1)) {
                    return index; // the successful CAS is the linearization point.""",
        replace="""                if (producerIndex.value == index) {
                    producerIndex.value = index + 1;
                    return index; // the successful CAS is the linearization point.""",
        bug="a producer claims its index by a volatile re-read then a write: two producers claim the same slot and one element is lost",
    ),
    dict(
        id="queues.MpmcArrayQueue.publication-order",
        kind="publication-order",
        file="structures/src/main/java/dev/interlock/queues/MpmcArrayQueue.java",
        find="""        // release: a peek or iterator that reads this element without owning the slot then validates
        // it; the release makes the consumer that freed the slot happen-before that read, so the
        // validation sees the slot has moved on (see "Access modes" in the class comment).
        ELEMENT.setRelease(elements, slot, element);
        // release: publication. Pairs with the consumer's acquire read of the sequence, which then sees
        // the element and everything this producer did before offering it.
        SEQUENCE.setRelease(sequences, slot, fullWith(index));""",
        replace="""        // release: publication. Pairs with the consumer's acquire read of the sequence, which then sees
        // the element and everything this producer did before offering it.
        SEQUENCE.setRelease(sequences, slot, fullWith(index));
        // release: a peek or iterator that reads this element without owning the slot then validates
        // it; the release makes the consumer that freed the slot happen-before that read, so the
        // validation sees the slot has moved on (see "Access modes" in the class comment).
        ELEMENT.setRelease(elements, slot, element);""",
        bug="publish() advances the slot's sequence before writing the element: a consumer can take the slot and return null",
    ),
    dict(
        id="queues.MpmcArrayQueue.weakened-access",
        kind="weakened-access",
        file="structures/src/main/java/dev/interlock/queues/MpmcArrayQueue.java",
        find="""        SEQUENCE.setRelease(sequences, slot, fullWith(index));""",
        replace="""        SEQUENCE.set(sequences, slot, fullWith(index));""",
        bug="the producer publishes the slot's sequence with a plain write: a consumer may see the slot full before its element",
    ),
    dict(
        id="queues.MpmcArrayQueue.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="structures/src/main/java/dev/interlock/queues/MpmcArrayQueue.java",
        find="""                if (index - consumed >= capacity()) {""",
        replace="""                if (index - consumed >= capacity() - 1) {""",
        bug="an offer whose slot a consumer is still freeing tests capacity - 1: it reports the queue full while it holds capacity - 1 elements",
    ),
    dict(
        id="queues.LockFreeLinkedQueue.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="structures/src/main/java/dev/interlock/queues/LockFreeLinkedQueue.java",
        find="""                if (last.casNext(null, node)) {
                    // Swing the tail; if this CAS fails, another thread has already helped it on.
                    TAIL.compareAndSet(this, last, node);
                    return true;
                }""",
        replace="""                if (!last.casNext(null, node)) {
                    return true;
                }
                // Swing the tail; if this CAS fails, another thread has already helped it on.
                TAIL.compareAndSet(this, last, node);
                return true;""",
        bug="offer() gives up after one failed link CAS and reports success: the element is lost",
    ),
    dict(
        id="queues.LockFreeLinkedQueue.publication-order",
        kind="publication-order",
        file="structures/src/main/java/dev/interlock/queues/LockFreeLinkedQueue.java",
        find="""        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        while (true) {
            Node<E> last = tail;
            // acquire: only a guess, checked by the CAS below or by the recheck of tail; acquire so
            // that a node we help the tail onto is fully visible to us before we republish it.
            Node<E> next = last.nextAcquire();
            if (last != tail) {
                continue; // the tail moved: the two reads are no snapshot.
            }
            if (next == null) {
                // the successful CAS is the linearization point.
                if (last.casNext(null, node)) {""",
        replace="""        Objects.requireNonNull(element, "element");
        Node<E> node = new Node<>(null);
        while (true) {
            Node<E> last = tail;
            // acquire: only a guess, checked by the CAS below or by the recheck of tail; acquire so
            // that a node we help the tail onto is fully visible to us before we republish it.
            Node<E> next = last.nextAcquire();
            if (last != tail) {
                continue; // the tail moved: the two reads are no snapshot.
            }
            if (next == null) {
                // the successful CAS is the linearization point.
                if (last.casNext(null, node)) {
                    node.item = element;""",
        bug="offer() links its node before writing the node's item: a consumer can poll the node and return null",
    ),
    dict(
        id="queues.LockFreeLinkedQueue.volatile-removed",
        kind="weakened-access",
        file="structures/src/main/java/dev/interlock/queues/LockFreeLinkedQueue.java",
        find="""        volatile Node<E> next;""",
        replace="""        Node<E> next;""",
        bug="a node's next link is no longer volatile: its plain-syntax reads lose their ordering, and a consumer may see a linked node before its item",
    ),
    dict(
        id="queues.LockingArrayQueue.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="structures/src/main/java/dev/interlock/queues/LockingArrayQueue.java",
        find="""            if (count == items.length) {
                return false; // plain read under the lock: linearization point of a refusal.""",
        replace="""            if (count == items.length - 1) {
                return false; // plain read under the lock: linearization point of a refusal.""",
        bug="offer() compares the count with capacity - 1: it refuses the last slot and reports a queue full that is not",
    ),
    dict(
        id="queues.LockingArrayQueue.lost-wake-up",
        kind="lost-wake-up",
        file="structures/src/main/java/dev/interlock/queues/LockingArrayQueue.java",
        find="""        count--; // linearization point of the removal.
        notFull.signal(); // invariant 4.
    }""",
        replace="""        count--; // linearization point of the removal.
    }""",
        bug="an interior removal (remove(Object), the iterator's remove) frees a slot without signalling notFull: a blocked put sleeps on",
    ),
    dict(
        id="queues.LockingArrayQueue.skipped-check",
        kind="skipped-check",
        file="structures/src/main/java/dev/interlock/queues/LockingArrayQueue.java",
        find="""            while (count == 0) {
                notEmpty.await(); // re-test after every wake-up: a barger may have taken the element.""",
        replace="""            if (count == 0) {
                notEmpty.await(); // re-test after every wake-up: a barger may have taken the element.""",
        bug="take() does not re-test the count after it wakes: if a barger took the element, it removes from an empty queue",
    ),
    dict(
        id="queues.LockingPriorityQueue.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="structures/src/main/java/dev/interlock/queues/LockingPriorityQueue.java",
        find="""            if (count == capacity) {
                return false; // plain read under the lock: linearization point of a refusal.""",
        replace="""            if (count == capacity - 1) {
                return false; // plain read under the lock: linearization point of a refusal.""",
        bug="offer() compares the count with capacity - 1: it refuses the last place and reports a queue full that is not",
    ),
    dict(
        id="queues.LockingPriorityQueue.lost-wake-up",
        kind="lost-wake-up",
        file="structures/src/main/java/dev/interlock/queues/LockingPriorityQueue.java",
        find="""        count = last; // linearization point of the removal.
        notFull.signal(); // invariant 4.""",
        replace="""        count = last; // linearization point of the removal.""",
        bug="a removal (poll, take, remove(Object), drainTo) frees a place without signalling notFull: a blocked put sleeps on",
    ),
    dict(
        id="queues.LockingPriorityQueue.skipped-check",
        kind="skipped-check",
        file="structures/src/main/java/dev/interlock/queues/LockingPriorityQueue.java",
        find="""        return order < 0 || order == 0 && sequences[a] < sequences[b];""",
        replace="""        return order < 0;""",
        bug="the heap compares slots by the comparator alone and skips the tie-break on arrival: equal elements leave out of order",
    ),
    dict(
        id="queues.SpscArrayQueue.weakened-access",
        kind="weakened-access",
        file="structures/src/main/java/dev/interlock/queues/SpscArrayQueue.java",
        find="""        long producerIndex = (long) INDEX.getAcquire(producer);""",
        replace="""        long producerIndex = (long) INDEX.getOpaque(producer);""",
        bug="the consumer reads the producer's index with an opaque read, not acquire: it may see the index before the element",
    ),
    dict(
        id="queues.SpscArrayQueue.publication-order",
        kind="publication-order",
        file="structures/src/main/java/dev/interlock/queues/SpscArrayQueue.java",
        find="""        // release: the consumer does not need it (it reads the slot after its acquire of P), but the
        // weakly consistent observers read slots directly, with acquire, and must see the element's
        // fields as they were when it was inserted.
        SLOT.setRelease(slots, slotOf(index), element);
        // release: the element (and everything the producer did before) is visible to whoever reads
        // this P with acquire. The linearization point of a successful insertion.
        INDEX.setRelease(producer, index + 1);""",
        replace="""        // release: the element (and everything the producer did before) is visible to whoever reads
        // this P with acquire. The linearization point of a successful insertion.
        INDEX.setRelease(producer, index + 1);
        // release: the consumer does not need it (it reads the slot after its acquire of P), but the
        // weakly consistent observers read slots directly, with acquire, and must see the element's
        // fields as they were when it was inserted.
        SLOT.setRelease(slots, slotOf(index), element);""",
        bug="the producer advances its index before writing the element: the consumer can take an empty slot and return null",
    ),
    dict(
        id="queues.SpscArrayQueue.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="structures/src/main/java/dev/interlock/queues/SpscArrayQueue.java",
        find="""        if (index >= producer.limit && !hasRoomAfterRefresh(index)) {""",
        replace="""        if (index > producer.limit && !hasRoomAfterRefresh(index)) {""",
        bug="offer() compares its index with its cached limit by > instead of >=: at the limit it writes over the head of a full queue",
    ),
    dict(
        id="queues.TwoLockLinkedQueue.cas-to-plain",
        kind="cas-to-plain",
        file="structures/src/main/java/dev/interlock/queues/TwoLockLinkedQueue.java",
        find="""        int countBefore = (int) COUNT.getAndAdd(this, 1); // the RMW is the linearization point of the insertion.""",
        replace="""        int countBefore = count; // the RMW is the linearization point of the insertion.
        count = countBefore + 1;""",
        bug="a producer increments the count by a volatile read then a write: it races with a consumer's decrement, and the count drifts",
    ),
    dict(
        id="queues.TwoLockLinkedQueue.publication-order",
        kind="publication-order",
        file="structures/src/main/java/dev/interlock/queues/TwoLockLinkedQueue.java",
        find="""        last.next = node; // plain: published to consumers by the RMW below (a release).
        last = node; // plain: only under the put lock.
        int countBefore = (int) COUNT.getAndAdd(this, 1); // the RMW is the linearization point of the insertion.""",
        replace="""        int countBefore = (int) COUNT.getAndAdd(this, 1); // the RMW is the linearization point of the insertion.
        last.next = node; // plain: published to consumers by the RMW below (a release).
        last = node; // plain: only under the put lock.""",
        bug="a producer counts its node before linking it: a consumer that sees the count can find no node after the head",
    ),
    dict(
        id="queues.TwoLockLinkedQueue.lost-wake-up",
        kind="lost-wake-up",
        file="structures/src/main/java/dev/interlock/queues/TwoLockLinkedQueue.java",
        find="""        int countBefore = (int) COUNT.getAndAdd(this, -1); // the RMW is the linearization point of the removal.
        if (countBefore > 1 && waitingTakers > 0) { // volatile read; exact: written under our lock.
            notEmpty.signal(); // elements are left: pass the wake-up on to another consumer.
        }""",
        replace="""        int countBefore = (int) COUNT.getAndAdd(this, -1); // the RMW is the linearization point of the removal.""",
        bug="a consumer that leaves elements behind does not pass the wake-up on: with two takers waiting, the second sleeps on a non-empty queue",
    ),

    # ---- stacks -----------------------------------------------------------------------------------
    dict(
        id="stacks.TreiberStack.cas-to-plain",
        kind="cas-to-plain",
        file="structures/src/main/java/dev/interlock/stacks/TreiberStack.java",
        find="""        if (HEAD.compareAndSet(this, top, top.next)) {""",
        replace="""        if (head == top) {
            head = top.next;""",
        bug="pop() swings the head by a volatile re-read then a write: two pops return the same element, or a concurrent push is lost",
    ),
    dict(
        id="stacks.TreiberStack.publication-order",
        kind="publication-order",
        file="structures/src/main/java/dev/interlock/stacks/TreiberStack.java",
        find="""        node.next = top; // plain: the node is not shared yet; the CAS below publishes it.
        node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE : top.depth + 1); // plain: as above.
        return HEAD.compareAndSet(this, top, node); // success: the linearization point of push.""",
        replace="""        if (!HEAD.compareAndSet(this, top, node)) { // success: the linearization point of push.
            return false;
        }
        node.next = top; // plain: the node is not shared yet; the CAS below publishes it.
        node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE : top.depth + 1); // plain: as above.
        return true;""",
        bug="push() publishes its node before writing its next link and depth: a pop or size in between sees a stack cut short",
    ),
    dict(
        id="stacks.TreiberStack.weakened-access",
        kind="weakened-access",
        file="structures/src/main/java/dev/interlock/stacks/TreiberStack.java",
        find="""        return (Node<E>) HEAD.getAcquire(this); // acquire: see above.""",
        replace="""        return (Node<E>) HEAD.getOpaque(this); // acquire: see above.""",
        bug="the head is read opaque, not acquire: a pop or peek may see the node before its item and next link",
    ),
    dict(
        id="stacks.EliminationBackoffStack.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="structures/src/main/java/dev/interlock/stacks/EliminationBackoffStack.java",
        find="""        while (!stack.tryPush(node)) {""",
        replace="""        if (!stack.tryPush(node)) {""",
        bug="push() gives up after one failed CAS and one visit to the elimination array without a partner: the element is lost",
    ),
    dict(
        id="stacks.EliminationBackoffStack.skipped-check",
        kind="skipped-check",
        file="structures/src/main/java/dev/interlock/stacks/EliminationBackoffStack.java",
        find="""            if (visitEliminationArray(element) == POP) {""",
        replace="""            if (visitEliminationArray(element) != LockFreeExchanger.NO_PARTNER) {""",
        bug="a pusher does not check that its partner was a popper: meeting another pusher, both return and both elements are lost",
    ),
    dict(
        id="stacks.LockFreeExchanger.cas-to-plain",
        kind="cas-to-plain",
        file="structures/src/main/java/dev/interlock/stacks/LockFreeExchanger.java",
        find="""        Object decided = MATCH.compareAndExchange(mine, null, CANCELLED); // null: withdrawn, the linearization point of a timeout or an interrupt.""",
        replace="""        Object decided = mine.match; // null: withdrawn, the linearization point of a timeout or an interrupt.
        if (decided == null) {
            mine.match = CANCELLED;
        }""",
        bug="a waiter withdraws by a check then a write of match: a partner matching in between takes its value while it reports a timeout",
    ),
    dict(
        id="stacks.LockFreeExchanger.lost-wake-up",
        kind="lost-wake-up",
        file="structures/src/main/java/dev/interlock/stacks/LockFreeExchanger.java",
        find="""                mine.parked = me; // volatile write, then the loop's volatile read of match: see "Access modes".
                continue;""",
        replace="""                mine.parked = me; // volatile write, then the loop's volatile read of match: see "Access modes".""",
        bug="a waiter announces that it parks and parks without re-reading match: a partner that matched just before misses the announcement",
    ),
    dict(
        id="stacks.LockFreeExchanger.weakened-access",
        kind="weakened-access",
        file="structures/src/main/java/dev/interlock/stacks/LockFreeExchanger.java",
        find="""            Object match = mine.match; // volatile read, not acquire: after our volatile write of parked (Dekker).""",
        replace="""            Object match = MATCH.getAcquire(mine); // volatile read, not acquire: after our volatile write of parked (Dekker).""",
        bug="the re-read of match before parking is acquire, not volatile: it may pass the write of parked (StoreLoad), and both sides miss",
    ),
    dict(
        id="stacks.LockFreeExchanger.missing-refund",
        kind="missing-refund",
        file="structures/src/main/java/dev/interlock/stacks/LockFreeExchanger.java",
        find="""            boolean interrupted = Thread.interrupted();
            long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;""",
        replace="""            boolean interrupted = Thread.interrupted();
            if (interrupted) {
                throw new InterruptedException();
            }
            long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;""",
        bug="an interrupted waiter throws without withdrawing its offer: a partner can still take the value it reports as given to no one",
    ),
    dict(
        id="stacks.LockingStack.lost-wake-up",
        kind="lost-wake-up",
        file="structures/src/main/java/dev/interlock/stacks/LockingStack.java",
        find="""                notFull.signalAll(); // invariant 3: up to `removed` producers can proceed now.""",
        replace="""                notFull.signal(); // invariant 3: up to `removed` producers can proceed now.""",
        bug="clear() wakes one blocked producer where it freed many slots: the other blocked puts sleep on a stack with room",
    ),
    dict(
        id="stacks.LockingStack.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="structures/src/main/java/dev/interlock/stacks/LockingStack.java",
        find="""        return Math.min(grown, capacity);""",
        replace="""        return Math.min(grown, capacity - 1);""",
        bug="the array grows to at most capacity - 1 slots: on a bounded stack above 16, the push of the last element overruns the array",
    ),

    # ---- synchronizers ----------------------------------------------------------------------------
    dict(
        id="sync.Event.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/sync/Event.java",
        find="""            if (STATE.compareAndSet(this, top, node)) { // the successful CAS: it waits from here.""",
        replace="""            if (state == top) { // the successful CAS: it waits from here.
                state = node;""",
        bug="a waiter joins by a volatile re-read then a write of the top: a set() in between is overwritten, the flag reads clear, and the waiter sleeps on",
    ),
    dict(
        id="sync.Event.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="primitives/src/main/java/dev/interlock/sync/Event.java",
        find="""            if (STATE.compareAndSet(this, top, node)) { // the successful CAS: it waits from here.
                return true;
            }""",
        replace="""            STATE.compareAndSet(this, top, node); // the successful CAS: it waits from here.
            return true;""",
        bug="a waiter whose joining CAS fails waits anyway, on a node that is on no stack: no set() ever releases it",
    ),
    dict(
        id="sync.Event.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/sync/Event.java",
        find="""            if (STATUS.compareAndSet(node, WAITING, RELEASED)) { // the CAS decides against a cancel.
                LockSupport.unpark(node.thread);
            }""",
        replace="""            STATUS.compareAndSet(node, WAITING, RELEASED); // the CAS decides against a cancel.""",
        bug="set() marks each waiter released but never unparks it: a parked waiter sleeps on, though the flag is set",
    ),
    dict(
        id="sync.Event.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/sync/Event.java",
        find="""                if (remaining <= 0L) {
                    return !cancel(node);
                }""",
        replace="""                if (remaining <= 0L) {
                    return false;
                }""",
        bug="a timed-out waiter returns without cancelling its node: it stays counted as waiting, and a set() racing the timeout is reported as a timeout",
    ),
    dict(
        id="sync.Event.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/sync/Event.java",
        find="""                if (Thread.interrupted()) {
                    if (cancel(node)) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }""",
        replace="""                if (Thread.interrupted()) {
                    cancel(node);
                    throw new InterruptedException();
                }""",
        bug="an interrupted waiter skips the result of its cancelling CAS: one that a set() released first throws, as if the set had not reached it",
    ),
    dict(
        id="sync.CountDownLatch.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/sync/CountDownLatch.java",
        find="""            if (COUNT.compareAndSet(this, current, current - 1)) { // the successful CAS is the linearization point.""",
        replace="""            if (count == current) { // the successful CAS is the linearization point.
                count = current - 1;""",
        bug="countDown() lowers the count by a volatile re-read then a write: two concurrent calls can both write the same value, and the latch never reaches zero",
    ),
    dict(
        id="sync.CountDownLatch.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="primitives/src/main/java/dev/interlock/sync/CountDownLatch.java",
        find="""                if (waiters != null) {
                    waiters.set();
                }
                return;
            }""",
        replace="""                if (waiters != null) {
                    waiters.set();
                }
                return;
            }
            return; // another countDown() won the CAS: reported as done anyway.""",
        bug="countDown() gives up after one failed CAS: a count-down that lost the race to another is never applied",
    ),
    dict(
        id="sync.CountDownLatch.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="primitives/src/main/java/dev/interlock/sync/CountDownLatch.java",
        find="""                Event waiters = current == 1 ? zero : null; // volatile read, after the CAS: see the notes.""",
        replace="""                Event waiters = current <= 2 ? zero : null; // volatile read, after the CAS: see the notes.""",
        bug="the count-down from 2 to 1 already releases the waiters: they pass one count-down early",
    ),
    dict(
        id="sync.CountDownLatch.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/sync/CountDownLatch.java",
        find="""            Event waiters = waiters();
            if (count != 0) {
                waiters.await(this, false, 0L);
            }""",
        replace="""            Event waiters = waiters();
            waiters.await(this, false, 0L);""",
        bug="a waiter that installs the event does not re-read the count: if the last countDown() read no event just before, nobody sets it and the waiter sleeps on",
    ),
    dict(
        id="sync.Semaphore.cas-to-plain",
        kind="cas-to-plain",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""            if (PERMITS.compareAndSet(this, current, current - n)) { // the successful CAS is the linearization point.""",
        replace="""            if (permits == current) { // the successful CAS is the linearization point.
                permits = current - n;""",
        bug="a take re-reads the permits and writes them, not a CAS: two takes of the last permit both succeed",
    ),
    dict(
        id="sync.Semaphore.give-up-after-one-cas",
        kind="give-up-after-one-cas",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""            if (PERMITS.compareAndSet(this, current, (int) raised)) { // the successful CAS is the linearization point.
                break;
            }""",
        replace="""            PERMITS.compareAndSet(this, current, (int) raised); // the successful CAS is the linearization point.
            break;""",
        bug="a release whose CAS lost to another thread's gives up and returns: its permits are lost",
    ),
    dict(
        id="sync.Semaphore.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""                if (first.thread != Thread.currentThread()) {
                    LockSupport.unpark(first.thread);
                }""",
        replace="""                // the waiter will see GRANTED when it next wakes""",
        bug="grant() takes the permits for the head and marks it granted, but never unparks it: a parked waiter sleeps on, holding permits",
    ),
    dict(
        id="sync.Semaphore.publication-order",
        kind="publication-order",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""        while (true) {
            int current = permits;
            long raised = (long) current + n;
            if (raised > (bound < 0 ? Integer.MAX_VALUE : bound)) {
                throw new IllegalStateException(bound < 0
                        ? "releasing " + n + " permits to " + current + " would exceed Integer.MAX_VALUE"
                        : "releasing " + n + " permits to " + current + " would exceed the bound of " + bound);
            }
            if (PERMITS.compareAndSet(this, current, (int) raised)) { // the successful CAS is the linearization point.
                break;
            }
        }
        Waiter first = head; // volatile read, after the CAS: the handshake of the notes.""",
        replace="""        Waiter first = head; // volatile read: the handshake of the notes.
        while (true) {
            int current = permits;
            long raised = (long) current + n;
            if (raised > (bound < 0 ? Integer.MAX_VALUE : bound)) {
                throw new IllegalStateException(bound < 0
                        ? "releasing " + n + " permits to " + current + " would exceed Integer.MAX_VALUE"
                        : "releasing " + n + " permits to " + current + " would exceed the bound of " + bound);
            }
            if (PERMITS.compareAndSet(this, current, (int) raised)) { // the successful CAS is the linearization point.
                break;
            }
        }""",
        bug="release() reads the head before its CAS, not after: an arrival that enqueues between the two, and read the permits before the CAS, sleeps beside the released permit",
    ),
    dict(
        id="sync.Semaphore.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""                if (remaining <= 0L) {
                    return !cancel(node);
                }""",
        replace="""                if (remaining <= 0L) {
                    cancel(node);
                    return false;
                }""",
        bug="a timed-out waiter that was granted its permits just before reports a timeout and keeps them: they are lost",
    ),
    dict(
        id="sync.Semaphore.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""        if (n < 0 || (bound >= 0 && n > bound)) {""",
        replace="""        if (n < 0 || (bound >= 0 && n >= bound)) {""",
        bug="a bounded semaphore refuses a request for all its permits, which it could grant",
    ),
    dict(
        id="sync.Semaphore.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""            if (node.status != WAITING) {
                return false;
            }
            boolean wasHead""",
        replace="""            boolean wasHead""",
        bug="a waiter that gives up skips the check that it was granted first: it unlinks a node that is no longer queued and throws or times out, and the permits granted to it are lost",
    ),
    dict(
        id="sync.Semaphore.lost-wake-up-signalled",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/sync/Semaphore.java",
        find="""        node.signalled = false; // volatile write, then the read of permits: the handshake with signal().
""",
        replace="",
        bug="a non-fair head never clears its signalled mark: once woken in vain and parked again, releases take it for awake and skip it, and it sleeps beside the permits",
    ),
    dict(
        id="sync.Barrier.lost-wake-up",
        kind="lost-wake-up",
        file="primitives/src/main/java/dev/interlock/sync/Barrier.java",
        find="""        current.broken = true;
        if (current.tripped != null) {
            current.tripped.set();
        }""",
        replace="""        current.broken = true;""",
        bug="breaking a generation marks it broken but never releases its waiters: after an interrupt, a timeout, reset() or abort(), the other parties sleep on",
    ),
    dict(
        id="sync.Barrier.missing-refund",
        kind="missing-refund",
        file="primitives/src/main/java/dev/interlock/sync/Barrier.java",
        find="""        if (!ended && breakIfCurrent(current)) {
            throw new TimeoutException();
        }""",
        replace="""        if (!ended) {
            throw new TimeoutException();
        }""",
        bug="a waiter whose time runs out leaves without breaking its generation and stays counted: the others wait for a party that has gone, and the next arrival trips the barrier a party short",
    ),
    dict(
        id="sync.Barrier.skipped-check",
        kind="skipped-check",
        file="primitives/src/main/java/dev/interlock/sync/Barrier.java",
        find="""            if (current != generation || current.broken) {""",
        replace="""            if (current.broken) {""",
        bug="a waiter interrupted or timed out after its generation tripped breaks it anyway, though it has ended: it throws where it should return its index, and the others' normal return does not match",
    ),
    dict(
        id="sync.Barrier.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="primitives/src/main/java/dev/interlock/sync/Barrier.java",
        find="""            if (index == parties - 1) { // the last arrival: the linearization point of the trip.""",
        replace="""            if (index >= parties - 2) { // the last arrival: the linearization point of the trip.""",
        bug="the barrier trips one arrival early: the next-to-last party trips it, and each generation ends a party short",
    ),
    dict(
        id="sync.Barrier.publication-order",
        kind="publication-order",
        file="primitives/src/main/java/dev/interlock/sync/Barrier.java",
        find="""        current.broken = true;
        if (current.tripped != null) {
            current.tripped.set();
        }""",
        replace="""        if (current.tripped != null) {
            current.tripped.set();
        }
        current.broken = true;""",
        bug="a broken generation releases its waiters before it is marked broken: a waiter that wakes at once reads it unbroken and returns its index, as if the barrier had tripped",
    ),
    dict(
        id="redis.token-bucket.skipped-check",
        kind="skipped-check",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  if tonumber(refundEpoch) ~= epoch or reservation > reservations or redis.call('ZSCORE', marks, mark) then""",
        replace="""  if tonumber(refundEpoch) ~= epoch or reservation > reservations then""",
        bug="a refund skips its check of the marks: a refund the client sends again after a lost reply gives the same tokens back twice",
    ),
    dict(
        id="redis.token-bucket.skipped-check-epoch",
        kind="skipped-check",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  if tonumber(refundEpoch) ~= epoch or reservation > reservations or redis.call('ZSCORE', marks, mark) then""",
        replace="""  if reservation > reservations or redis.call('ZSCORE', marks, mark) then""",
        bug="a refund skips its check of the epoch: a waiter of a bucket that expired and was created again gives tokens it never took to the new one",
    ),
    dict(
        id="redis.token-bucket.missing-refund",
        kind="missing-refund",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  level = math.min(capacity, level + permits)
  status, changed = 4, true""",
        replace="""  status, changed = 4, true""",
        bug="an interrupted waiter's refund is acknowledged and marked but adds nothing: its tokens are lost, and the waiters behind it wait for them",
    ),
    dict(
        id="redis.token-bucket.missing-refund-after-due",
        kind="missing-refund",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  if base >= due then""",
        replace="""  if base > due then""",
        bug="a refund that arrives in the microsecond its tokens are due is still applied: the waiter, which has them, is told they went back, and the bucket gives them out again",
    ),
    dict(
        id="redis.token-bucket.off-by-one-capacity",
        kind="off-by-one-capacity",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  local periodsToFill = divide(room + rate - 1, rate)""",
        replace="""  local periodsToFill = divide(room, rate)""",
        bug="advance() counts the whole periods to fill the bucket rounded down: a bucket less than a period short of full is called full, and grants up to rate - 1 tokens it has not produced",
    ),
    dict(
        id="redis.token-bucket.off-by-one-capacity-expiry",
        kind="off-by-one-capacity",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""    local at = divide(math.max(base + untilFull, keepUntil) + 999, 1000) -- the quotient alone, not the remainder""",
        replace="""    local at = divide(math.max(base + untilFull, keepUntil), 1000) -- the quotient alone, not the remainder""",
        bug="the key's expiry rounds down to the millisecond: a key can expire up to 1 ms before the bucket is full, and come back full, granting the fraction of a token it lacked",
    ),
    dict(
        id="redis.token-bucket.skipped-check-budget",
        kind="skipped-check",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""    if lag > divide(budget, rate) or shortfall + lag * rate > budget then""",
        replace="""    if shortfall > budget then""",
        bug="a timed reservation leaves the clock's lag out of its budget: after the server's clock stepped back it reserves tokens it will get only after its timeout, and waits past it",
    ),
    dict(
        id="redis.token-bucket.skipped-check-confirm",
        kind="skipped-check",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  return {held and 1 or 5, 0, 0, now, 0, 0, 0}""",
        replace="""  return {1, 0, 0, now, 0, 0, 0}""",
        bug="a confirmation takes the mark but does not look at what it found: a waiter whose reservation was lost with a restart or a failover takes tokens nobody reserved",
    ),
    dict(
        id="redis.token-bucket.off-by-one-confirm",
        kind="off-by-one-capacity",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""    local due = base + divide(shortfall + rate - 1, rate)""",
        replace="""    local due = base + divide(shortfall, rate)""",
        bug="a reservation's mark rounds its due time down where the waiter rounds up (the nearest kind: an off-by-one at an edge): when the wait is not a whole number of microseconds no confirmation finds its mark, and each waiter reserves again, its tokens taken twice",
    ),
    dict(
        id="redis.token-bucket.skipped-check-refund-confirm",
        kind="skipped-check",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  if ARGV[8] == '1' and redis.call('ZREM', KEYS[3], mark .. ':' .. digits(permits)) == 0 then
    return {5, level, carry, now, epoch, 0, lag}                -- not a reservation this state counted
  end
""",
        replace="",
        bug="under confirmation a refund trusts the epoch and n alone: after a failover to a copy with the same epoch, which has reused n, an interrupted waiter gives back tokens that state never reserved",
    ),
    dict(
        id="redis.token-bucket.skipped-check-confirm-epoch",
        kind="skipped-check",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""  local held = taken and redis.call('HGET', key, 'e') == string.match(ARGV[6], '^(%d+):')""",
        replace="""  local held = taken""",
        bug="a confirmation trusts its mark alone: when the bucket's key was lost without its marks (evicted, or deleted to reset it), every waiter is granted on top of the new bucket's tokens",
    ),
    dict(
        id="redis.token-bucket.off-by-one-confirm-life",
        kind="off-by-one-capacity",
        file="redis/src/main/resources/dev/interlock/redis/token-bucket.lua",
        find="""    keepUntil = math.max(keepUntil, due + REFUND_MEMORY)""",
        replace="""    keepUntil = math.max(keepUntil, due + 1000000)""",
        bug="a confirmed bucket's key is kept a second past its latest due time, not as long as its marks (the nearest kind: an edge off by a margin): a confirmation later than that finds no bucket of its epoch, and its waiter reserves again, its tokens taken twice",
    ),
]
