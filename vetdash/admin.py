"""The data administrators' import on the Data page: sign-in, upload, validation report, preview
and differences, confirmation, history and rollback. Nothing is stored until an administrator
confirms, and a failed check changes nothing."""

from __future__ import annotations

import contextlib
import hashlib
import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from vetdash import catalog, importing, signin, ui
from vetdash.errors import DataValidationError
from vetdash.i18n import t
from vetdash.store import StoreError, VersionConflict
from vetdash.store.base import content_id
from vetdash.text import markdown_literal


def dashed(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows as the preview shows them: the same columns, an empty cell reading "—" (the grid would print None)."""
    return rows.astype(object).where(rows.notna(), "—")


def _check_password(password: str) -> None:
    """Runs once per entry (the field's change), not on every rerun; the field is emptied after."""
    entered = st.session_state.get("admin_password_input") or ""
    st.session_state["admin_password_input"] = ""
    if entered:
        backoff = st.session_state.setdefault("admin_backoff", signin.session_backoff())
        outcome = signin.attempt(entered, password, backoff)
        st.session_state["is_admin"] = outcome.accepted
        st.session_state["admin_sign_in"] = outcome


def _sign_in_form(password: str, lang: str) -> None:
    st.text_input(
        t("data.password", lang), type="password", key="admin_password_input", on_change=_check_password, args=(password,)
    )
    outcome = st.session_state.get("admin_sign_in")
    if outcome is None:
        return
    seconds = math.ceil(outcome.wait)
    if not outcome.checked:
        st.error(t("data.password_wait", lang, seconds=seconds), icon=":material/timer:")
    elif seconds:
        st.error(f"{t('data.password_wrong', lang)} {t('data.password_next', lang, seconds=seconds)}")
    else:
        st.error(t("data.password_wrong", lang))


def _provider_sign_in(emails: frozenset[str], lang: str) -> None:
    """Sign-in through the deployment's OpenID Connect provider ([auth] in secrets.toml); the
    signed-in address must be one of [admin] emails."""
    if not st.user.is_logged_in:
        st.button(t("data.sso_sign_in", lang), on_click=st.login, icon=":material/login:", key="sso_sign_in")
        return
    email = str(st.user.get("email") or "").strip().lower()
    if email in emails:
        st.session_state["is_admin"] = True
        return
    st.warning(t("data.sso_not_admin", lang, email=email or "?"), icon=":material/block:")
    st.button(t("data.sso_sign_out", lang), on_click=st.logout, key="sso_sign_out")


def import_section(lang: str) -> None:
    """The Data page's import: sign-in (password or the deployment's OpenID provider, per secrets.toml
    [admin]), then dataset choice, upload, every problem listed or a preview of rows added, changed
    and removed, and confirm; the dataset's version history below. Shows a note instead when import
    is not enabled. Nothing is stored before confirm; problems are shown, never raised.
    """
    st.subheader(t("data.import_title", lang), divider="gray")
    password, emails = ui.admin_password(), ui.admin_emails()
    if not password and not emails:
        st.info(t("data.import_disabled", lang), icon=":material/lock:")
        return
    if not st.session_state.get("is_admin"):
        if emails:
            _provider_sign_in(emails, lang)
        if password and not st.session_state.get("is_admin"):
            _sign_in_form(password, lang)
        if not st.session_state.get("is_admin"):
            return

    store = ui.store()
    name = st.selectbox(
        t("data.import_dataset", lang),
        importing.listed_specs(),
        format_func=lambda n: catalog.dataset(n).title[lang],
        key="import_dataset",
    )
    spec = importing.IMPORTABLE[name]
    st.info(importing.mode_text(spec, lang), icon=":material/merge:")
    if spec.accepts_register_rows:
        st.caption(t("data.register_companions", lang))
    author = st.text_input(t("data.author", lang), key="import_author", max_chars=100)
    # Shown in every source line of the imported figures, so a reader knows where they are from.
    stated_source = st.text_input(
        t("data.stated_source", lang), key="import_source", max_chars=200, placeholder=t("data.stated_source_hint", lang)
    )
    list_date = (
        st.text_input(t("data.list_date", lang), key="import_list_date", placeholder=t("data.list_date_hint", lang), max_chars=10)
        if spec.accepts_moe_xls
        else None
    )
    upload = st.file_uploader(t("data.upload", lang), type=["csv", "xlsx", "xls"], key=f"upload_{name}")
    imported = st.session_state.pop(_IMPORTED, None)
    if imported:  # said once, in the run after the import: the page there already reads the new version
        st.success(t("data.imported", lang, id=imported), icon=":material/task_alt:")
    if upload is not None:
        preview = _preview(store, spec, upload.getvalue(), upload.name, list_date)
        if isinstance(preview, DataValidationError):
            _show_problems(preview, upload.name, lang)
        else:
            _show_preview(store, spec, preview, author.strip(), stated_source.strip(), upload.name, lang)
    _history_section(store, spec, author.strip(), lang)


@dataclass(frozen=True)
class Companion:
    """A table filled together with the uploaded dataset (the register's other tables)."""

    name: str
    expected: str | None
    result: pd.DataFrame
    changes: importing.Diff


@dataclass(frozen=True)
class Preview:
    """One upload checked against the version current when it was first shown. Confirm swaps
    against ``expected``, so a change by someone else in between is a conflict, never a silent loss."""

    file_hash: str
    expected: str | None
    result: pd.DataFrame
    upload_rows: int
    changes: importing.Diff
    companions: tuple[Companion, ...] = ()  # the other tables an upload fills (register rows)

    @property
    def removed(self) -> int:
        """Rows removed, in the dataset and in the tables filled with it."""
        return len(self.changes.removed) + sum(len(c.changes.removed) for c in self.companions)


_PREVIEW = "_import_preview"
_IMPORTED = "_import_done"  # the version id just imported, for the next run to say so


def _preview(store, spec: importing.ImportSpec, raw: bytes, file_name: str, list_date: str | None):
    """Parse and compare once per file (by content hash, dataset and as-of date); every rerun after
    that (typing a name, ticking a box) reuses the result and the version it was compared with."""
    key = (hashlib.sha256(raw).hexdigest(), spec.name, list_date or "")
    cached = st.session_state.get(_PREVIEW)
    if cached is not None and cached[0] == key:
        return cached[1]
    expected = store.current(spec.name)
    companions: dict[str, pd.DataFrame] = {}
    try:
        upload = importing.parse_upload(
            raw, file_name, spec, ui.import_references(), list_date=list_date, province_codes=ui.province_codes(),
            companions=companions,
        )  # fmt: skip
    except DataValidationError as error:
        result: Preview | DataValidationError = error
    else:
        current = ui.table_at(spec.name, expected)
        combined = importing.combine(current, upload, spec)
        result = Preview(
            key[0], expected, combined, len(upload), importing.diff(current, combined, spec.keys),
            tuple(_companion(store, name, frame) for name, frame in companions.items()),
        )  # fmt: skip
    st.session_state[_PREVIEW] = (key, result)  # one file at a time: the previous one is let go
    return result


def _companion(store, name: str, upload: pd.DataFrame) -> Companion:
    spec = importing.IMPORTABLE[name]
    expected = store.current(name)
    current = ui.table_at(name, expected)
    if name == "register_institutions":
        upload = importing.merge_register_institutions(current, upload)
    combined = importing.combine(current, upload, spec)
    return Companion(name, expected, combined, importing.diff(current, combined, spec.keys))


def _show_problems(error: DataValidationError, file_name: str, lang: str) -> None:
    st.error(t("data.problems", lang, n=f"{error.total:,}", file=markdown_literal(file_name)), icon=":material/error:")
    st.dataframe(pd.DataFrame(error.rows(lang)), hide_index=True, width="stretch")
    for line in error.more(lang):
        st.caption(line)
    st.caption(t("data.nothing_stored", lang))


def _show_preview(
    store, spec: importing.ImportSpec, preview: Preview, author: str, stated_source: str, file_name: str, lang: str
) -> None:
    changes = preview.changes
    if changes.empty and all(c.changes.empty for c in preview.companions):
        st.info(t("data.no_changes", lang), icon=":material/check:")
        return
    counts = {
        "rows": len(preview.result),
        "added": len(changes.added),
        "removed": len(changes.removed),
        "changed": len(changes.changed),
    }
    shown = {name: f"{count:,}" for name, count in {**counts, "upload": preview.upload_rows}.items()}
    st.success(t("data.valid_rows", lang, **shown), icon=":material/check_circle:")
    row = st.container(horizontal=True)
    row.metric(t("data.added", lang), f"{counts['added']:,}")
    row.metric(t("data.changed", lang), f"{counts['changed']:,}")
    row.metric(t("data.removed", lang), f"{counts['removed']:,}", delta=-counts["removed"] or None, delta_color="normal")
    row.metric(t("data.rows_after", lang), f"{counts['rows']:,}")
    for companion in preview.companions:
        st.caption(
            t("data.companion_changes", lang, title=catalog.dataset(companion.name).title[lang], added=f"{len(companion.changes.added):,}",
              changed=f"{len(companion.changes.changed):,}", removed=f"{len(companion.changes.removed):,}",
              rows=f"{len(companion.result):,}")
        )  # fmt: skip
    removals_confirmed = True
    if preview.removed:
        st.error(t("data.removals_warning", lang, n=f"{preview.removed:,}"), icon=":material/delete_forever:")
        if counts["removed"]:
            st.dataframe(dashed(changes.removed.head(200)), hide_index=True, width="stretch")
        for companion in preview.companions:
            if not companion.changes.removed.empty:
                st.caption(catalog.dataset(companion.name).title[lang])
                st.dataframe(dashed(companion.changes.removed.head(200)), hide_index=True, width="stretch")
        removals_confirmed = st.checkbox(
            t("data.removals_confirm", lang, n=f"{preview.removed:,}"), key=f"removals_ok_{preview.file_hash[:12]}"
        )
    for label, part in ((t("data.added", lang), changes.added), (t("data.changed", lang), changes.changed)):
        if not part.empty:
            with st.expander(f"{label} ({len(part):,})"):
                st.dataframe(dashed(part.head(200)), hide_index=True, width="stretch")
    summary = t("data.summary", "en", **counts)
    blocked = not author or not stated_source or not removals_confirmed
    if st.button(t("data.confirm", lang), type="primary", disabled=blocked, key="confirm_import"):
        try:
            primary = importing.canonical_bytes(preview.result)
            # The register's other tables first, each naming the version they belong with (rollback
            # follows it); the dataset itself last, so it becomes current only with its companions.
            for companion in preview.companions:
                described = t("data.summary", "en", rows=len(companion.result), added=len(companion.changes.added),
                         removed=len(companion.changes.removed), changed=len(companion.changes.changed))  # fmt: skip
                store.commit(
                    companion.name, importing.canonical_bytes(companion.result), expected=companion.expected, author=author,
                    original_name=file_name, summary=f"{described}{WITH}{content_id(primary)}", source=stated_source,
                )  # fmt: skip
            version = store.commit(
                spec.name,
                primary,
                expected=preview.expected,
                author=author,
                original_name=file_name,
                summary=summary,
                source=stated_source,
            )
        except VersionConflict:
            st.session_state.pop(_PREVIEW, None)  # the next rerun compares with the new current version
            if preview.companions:
                # Tables stored before the conflict go back in step with the dataset's current version.
                with contextlib.suppress(VersionConflict, StoreError):
                    _follow(store, store.current(spec.name), author)
            st.warning(t("data.conflict", lang), icon=":material/sync_problem:")
        except StoreError as error:
            st.error(error.message(lang), icon=":material/error:")
        else:
            st.session_state.pop(_PREVIEW, None)
            # The whole app again: the sidebar's editions and years, and this form without a confirm
            # button for what is now stored.
            st.session_state[_IMPORTED] = version.version_id[:8]
            st.rerun()
    if not author:
        st.caption(t("data.author_needed", lang))
    elif not stated_source:
        st.caption(t("data.stated_source_needed", lang))
    elif not removals_confirmed:
        st.caption(t("data.removals_needed", lang))


BUILTIN = "builtin"
WITH = "; with "  # a companion version's summary ends with the id of the version it was imported with


def _history_section(store, spec: importing.ImportSpec, author: str, lang: str) -> None:
    """Every version ever current, with who, when and what changed; a rollback to any of them,
    the built-in version included."""
    name = spec.name
    st.subheader(t("data.history_title", lang))
    history = store.history(name)
    current = store.current(name)
    if not history:
        st.caption(t("data.no_history", lang))
    else:
        metas = {v: store.version(name, v) for v in dict.fromkeys(e.version_id for e in history)}
        st.dataframe(
            pd.DataFrame(
                {
                    t("data.col_when", lang): [e.at.replace("T", " ").removesuffix("+00:00") + " UTC" for e in history],
                    t("data.col_action", lang): [_action_label(e.action, metas[e.version_id], lang) for e in history],
                    t("data.col_version", lang): [e.version_id[:8] + (" ✓" if e.version_id == current else "") for e in history],
                    t("data.col_author", lang): [e.author for e in history],
                    t("data.col_file", lang): [_file_label(metas[e.version_id], lang) for e in history],
                    t("data.col_what", lang): [metas[e.version_id].summary for e in history],
                }
            ).iloc[::-1],
            hide_index=True, width="stretch",
        )  # fmt: skip
    options = list(dict.fromkeys(e.version_id for e in reversed(history)))
    if spec.builtin:
        # A restored built-in version is offered once, as "built-in".
        options = [v for v in options if store.version(name, v).original_name != BUILTIN_FILE]
        options.append(BUILTIN)
    if not options:
        return
    target = st.selectbox(
        t("data.rollback_to", lang),
        options,
        format_func=lambda v: (
            t("data.builtin_option", lang) if v == BUILTIN else f"{v[:8]} · {_file_label(store.version(name, v), lang)}"
        ),
        key="rollback_target",
    )
    builtin = ui.builtin_table(name) if target == BUILTIN else None
    builtin_bytes = importing.canonical_bytes(builtin) if builtin is not None else None
    target_id = content_id(builtin_bytes) if builtin_bytes is not None else target
    in_use = target_id == current or (target == BUILTIN and current is None)
    if st.button(t("data.rollback", lang), disabled=in_use, key="rollback_button"):
        try:
            if builtin_bytes is not None:
                # The built-in table becomes a version like any other (the same content, the same
                # version each time), so the history shows its return.
                store.commit(name, builtin_bytes, expected=current, author=author or "admin", original_name=BUILTIN_FILE,
                             summary="built-in")  # fmt: skip
            else:
                store.rollback(name, target_id, expected=current, author=author or "admin")
            if spec.accepts_register_rows:
                _follow(store, target_id if target != BUILTIN else None, author or "admin")
        except VersionConflict:
            st.warning(t("data.conflict", lang), icon=":material/sync_problem:")
        except StoreError as error:
            st.error(error.message(lang), icon=":material/error:")
        else:
            st.session_state.pop(_PREVIEW, None)
            st.success(t("data.rolled_back", lang, id=t("data.builtin_option", lang) if target == BUILTIN else target[:8]))
            st.rerun()


BUILTIN_FILE = importing.BUILTIN_FILE


def _follow(store, version_id: str | None, author: str) -> None:
    """After a rollback of the register's points to ``version_id`` (None: built-in), each table
    imported with them goes back to its version imported with that one, or to its built-in table
    when there is none (a version imported before these tables were filled, or the built-in one)."""
    for name in importing.REGISTER_COMPANIONS:
        current = store.current(name)
        match = None
        if version_id is not None:
            for event in reversed(store.history(name)):
                if store.version(name, event.version_id).summary.endswith(f"{WITH}{version_id}"):
                    match = event.version_id
                    break
        if match is not None:
            if match != current:
                store.rollback(name, match, expected=current, author=author)
            continue
        builtin = ui.builtin_table(name)
        if current is None or builtin is None:
            continue
        data = importing.canonical_bytes(builtin)
        if content_id(data) != current:
            store.commit(name, data, expected=current, author=author, original_name=BUILTIN_FILE, summary="built-in")


def _file_label(version, lang: str) -> str:
    return t("data.builtin_option", lang) if version.original_name == BUILTIN_FILE else version.original_name


def _action_label(action: str, version, lang: str) -> str:
    if version.original_name == BUILTIN_FILE:
        return t("data.action_builtin", lang)
    return t(f"data.action_{action}", lang)
