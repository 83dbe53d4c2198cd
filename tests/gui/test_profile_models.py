"""The profile editor's Models section (issues 14 and 15): per model, the user's price and the images override
over what the gateway's /models publishes, and "ask the gateway for each reply's cost".

Driven through the real window against the local server; what is saved is read back from profiles.toml and
the kept model catalogue (data/models.json).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

from PySide6.QtCore import Qt

from app.core.models import Profile
from app.keystore import Keystore
from app.profiles.catalog import ModelCatalog
from app.ui.profiles.editor import ProfileEditor
from app.ui.profiles.models_table import IMAGES, MODEL, PRICE, PUBLISHED, ModelsTable
from tests.gui.test_profile_editor import add_profile, on_disk, open_editor, open_window
from tests.gui.window_harness import WindowHarness
from tests.support.server import json_reply
from tests.unit.test_keystore import MemoryKeyring

MODELS = {
    "object": "list",
    "data": [
        {  # OpenRouter's shape: USD per token, as strings
            "id": "vision-model",
            "architecture": {"input_modalities": ["text", "image"]},
            "pricing": {"prompt": "0.0000025", "completion": "0.00001"},
        },
        {"id": "text-model", "architecture": {"input_modalities": ["text"]}},
        {"id": "plain-model"},
    ],
}


def serve_models(harness: WindowHarness) -> None:
    harness.server.set_default(lambda _r: json_reply(MODELS), "/v1/models")


def cell(table: ModelsTable, model: str, column: int) -> str:
    row = table.row_of(model)
    assert row is not None, f"no row for {model}"
    item = table.table.item(row, column)
    assert item is not None
    return item.text()


def set_price(table: ModelsTable, model: str, text: str) -> None:
    row = table.row_of(model)
    assert row is not None
    item = table.table.item(row, PRICE)
    assert item is not None
    item.setText(text)  # as the cell's editor commits it


def set_images(table: ModelsTable, model: str, state: Qt.CheckState) -> None:
    row = table.row_of(model)
    assert row is not None
    item = table.table.item(row, IMAGES)
    assert item is not None
    item.setCheckState(state)  # as a click on the tri-state box does


def editor_for(harness: WindowHarness, name: str) -> ProfileEditor:
    parts = open_window(harness, Keystore("svc", backend=MemoryKeyring()))
    editor = open_editor(parts)
    editor.select(name)
    return editor


def test_the_models_table_shows_the_gateways_models_and_saves_the_users_prices_and_overrides(
    harness: WindowHarness,
) -> None:
    add_profile(harness, "main")
    add_profile(
        harness,
        "other",
        prices=(("elsewhere-model", "2/8 CNY"),),
        vision=(("text-model", True),),
    )
    serve_models(harness)

    async def scenario() -> None:
        editor = editor_for(harness, "other")
        table = editor.models_section
        await harness.until(lambda: table.row_of("vision-model") is not None, "the editor fetched /models")
        assert not editor.dirty
        # The gateway's price, marked as the gateway's; none where it publishes none.
        assert cell(table, "vision-model", PUBLISHED) == "2.5/10 USD (from the gateway)"
        assert cell(table, "plain-model", PUBLISHED) == "—"
        # Auto shows what /models says; the user's word shows as on/off.
        assert cell(table, "vision-model", IMAGES) == "auto (yes)"
        assert cell(table, "plain-model", IMAGES) == "auto (unknown)"
        assert cell(table, "text-model", IMAGES) == "on"
        # A model the user priced that the gateway does not list, and the default model, have rows too.
        assert cell(table, "elsewhere-model", PRICE) == "2/8 CNY"
        assert cell(table, "test-model", MODEL) == "test-model"
        assert cell(table, "vision-model", PRICE) == ""  # empty: the gateway's price is used

        set_price(table, "vision-model", "3/12/0.3 usd")
        set_images(table, "text-model", Qt.CheckState.PartiallyChecked)
        assert cell(table, "text-model", IMAGES) == "auto (no)"
        set_images(table, "plain-model", Qt.CheckState.Unchecked)
        assert cell(table, "plain-model", IMAGES) == "off"
        set_price(table, "elsewhere-model", "")
        table.add_edit.setText("my-local-model")
        table.add_button.click()
        set_price(table, "my-local-model", "1/2 EUR")
        table.request_cost.setChecked(True)
        assert editor.dirty
        assert await editor.save() is True

    harness.run(scenario())
    profile = on_disk(harness).get("other")
    assert dict(profile.prices) == {"vision-model": "3/12/0.3 USD", "my-local-model": "1/2 EUR"}
    assert dict(profile.vision) == {"plain-model": False}
    assert profile.request_cost is True
    # The editor's own fetch kept what /models said (the window only fetches for its current profile, "main").
    catalog = ModelCatalog(harness.home.models_path)
    vision = catalog.model("other", "vision-model")
    assert vision is not None and vision.vision is True and vision.price is not None
    assert (vision.price.input, vision.price.output) == (Decimal("2.5"), Decimal("10"))
    assert catalog.takes_images(profile, "plain-model") is False


def test_an_invalid_price_keeps_the_form_unsaved_and_says_why(harness: WindowHarness) -> None:
    add_profile(harness, "main", prices=(("test-model", "1/2 USD"),))
    serve_models(harness)

    async def scenario() -> None:
        editor = editor_for(harness, "main")
        table = editor.models_section
        await harness.until(lambda: table.row_of("vision-model") is not None, "the editor fetched /models")
        set_price(table, "test-model", "cheap <b>USD</b>")
        # Said at once, under the table, as plain text (what was typed is not markup).
        assert table.error.isVisibleTo(editor)
        assert table.error.textFormat() == Qt.TextFormat.PlainText
        assert "test-model: “cheap <b>USD</b>” is not a price" in table.error.text()
        assert await editor.save() is False
        assert editor.dirty
        assert "Not saved: test-model: “cheap <b>USD</b>” is not a price" in editor.error.text()
        assert cell(table, "test-model", PRICE) == "cheap <b>USD</b>"  # what was typed is kept
        # A half-typed price does not stop fetching the model list.
        assert await editor.fetch_models() == ["plain-model", "text-model", "vision-model"]
        set_price(table, "test-model", "0.5/1.5 USD")
        assert not table.error.isVisibleTo(editor)
        assert await editor.save() is True

    harness.run(scenario())
    assert on_disk(harness).get("main").prices == (("test-model", "0.5/1.5 USD"),)


def test_saving_other_fields_keeps_the_prices_the_overrides_and_request_cost(harness: WindowHarness) -> None:
    """The form used to build its profile without them: any save from the window dropped what `profile set
    --price/--vision/--request-cost` had stored."""
    add_profile(
        harness,
        "main",
        prices=(("test-model", "2/8 CNY"),),
        vision=(("test-model", False),),
        request_cost=True,
    )
    serve_models(harness)

    async def scenario() -> None:
        editor = editor_for(harness, "main")
        assert editor.models_section.request_cost.isChecked()
        editor.read_timeout.setValue(77)
        assert await editor.save() is True

    harness.run(scenario())
    profile = on_disk(harness).get("main")
    assert profile.read_timeout == 77.0
    assert profile.prices == (("test-model", "2/8 CNY"),)
    assert profile.vision == (("test-model", False),)
    assert profile.request_cost is True


def test_a_rename_carries_the_kept_model_list_along(harness: WindowHarness) -> None:
    add_profile(harness, "main")
    add_profile(harness, "other")
    serve_models(harness)

    async def scenario() -> None:
        editor = editor_for(harness, "other")
        await harness.until(
            lambda: ModelCatalog(harness.home.models_path).model("other", "vision-model") is not None,
            "the editor kept the list",
        )
        editor.name.setText("renamed")
        editor.name.textEdited.emit("renamed")
        assert await editor.save() is True

    harness.run(scenario())
    catalog = ModelCatalog(harness.home.models_path)
    assert catalog.model("other", "vision-model") is None
    renamed = catalog.model("renamed", "vision-model")
    assert renamed is not None and renamed.vision is True
    assert catalog.takes_images(Profile(name="renamed", base_url="http://x"), "vision-model") is True


def test_a_list_that_arrives_after_the_profile_was_renamed_is_not_an_error(harness: WindowHarness) -> None:
    add_profile(harness, "main")
    add_profile(harness, "other")
    serve_models(harness)

    async def scenario() -> None:
        editor = editor_for(harness, "other")
        await harness.until(
            lambda: ModelCatalog(harness.home.models_path).model("other", "vision-model") is not None,
            "the editor kept the first list",
        )
        slow = json_reply(MODELS)
        slow.first_byte_delay_s = 0.3
        harness.server.set_default(lambda _r: slow, "/v1/models")
        fetching = asyncio.ensure_future(editor.fetch_models())
        await harness.until(lambda: editor.models_status.text() != "", "the fetch went out")
        editor.name.setText("renamed")
        editor.name.textEdited.emit("renamed")
        assert await editor.save() is True
        assert await fetching  # the list still fills the form; it is not kept under a name now gone

    harness.run(scenario())
    catalog = ModelCatalog(harness.home.models_path)
    assert catalog.model("other", "vision-model") is None
    assert catalog.model("renamed", "vision-model") is not None
