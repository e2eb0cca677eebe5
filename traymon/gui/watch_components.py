""" "Watch only these…": the page's components with check boxes, for one service.

The person ticks what they use (Cloudflare's CDN and DNS, not its 470 data centres); the
choice becomes the service's ``components`` (``traymon.sources.watch``): a group ticked
whole is its name, a group ticked in part is its ticked children as "Group - Child", and
everything ticked is ``()``, the whole page. Nothing ticked cannot be chosen: a service
that watches nothing would only ever be grey.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from traymon.gui.wording import state_label
from traymon.model import Component

#: How a child is written under its group: Statuspage's own way in its incident updates.
CHILD_SEPARATOR = " - "


class WatchComponentsDialog(QDialog):
    def __init__(
        self, service_name: str, components: Sequence[Component], parent: QWidget | None = None
    ) -> None:
        """``components``: the page's rows as the last check showed them (``watched`` set)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Watch only these — {service}").format(service=service_name))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "Tick the parts of {service} you use. Problems elsewhere on its status "
                "page then leave the icon alone; an incident that names no part still counts."
            ).format(service=service_name)
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Component"), self.tr("State")])
        self.tree.setAccessibleName(self.tr("Components to watch"))
        self.tree.setUniformRowHeights(True)
        for component in components:
            item = self._item(component)
            self.tree.addTopLevelItem(item)
            for child in component.children:
                item.addChild(self._item(child))
            if component.children:
                ticked = [c.watched for c in component.children]
                item.setCheckState(
                    0,
                    Qt.CheckState.Checked
                    if all(ticked)
                    else Qt.CheckState.PartiallyChecked
                    if any(ticked)
                    else Qt.CheckState.Unchecked,
                )
                # From here Qt works out a group's state from its children's boxes.
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsAutoTristate)
        header = self.tree.header()
        if header is not None:  # long names ("Load Balancing and Monitoring") are read whole
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.everything = QPushButton(self.tr("Watch everything"))
        self.everything.setAccessibleName(self.tr("Watch the whole page"))
        self.everything.clicked.connect(self._tick_all)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.addButton(self.everything, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tree.itemChanged.connect(lambda *_: self._allow_ok())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 480)
        self._allow_ok()

    def _item(self, component: Component) -> QTreeWidgetItem:
        item = QTreeWidgetItem([component.name, state_label(component.status)])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        ticked = Qt.CheckState.Checked if component.watched else Qt.CheckState.Unchecked
        item.setCheckState(0, ticked)
        return item

    def _tops(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    @staticmethod
    def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found = (item.child(i) for i in range(item.childCount()))
        return [child for child in found if child is not None]

    def _tick_all(self) -> None:
        for item in self._tops():
            item.setCheckState(0, Qt.CheckState.Checked)
            for child in self._children(item):
                child.setCheckState(0, Qt.CheckState.Checked)

    def _allow_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(any(i.checkState(0) is not Qt.CheckState.Unchecked for i in self._tops()))

    def choice(self) -> tuple[str, ...]:
        """The ``components`` the boxes say; ``()`` when everything is ticked."""
        chosen: list[str] = []
        whole = True
        for item in self._tops():
            state = item.checkState(0)
            if state is Qt.CheckState.Checked:
                chosen.append(item.text(0))
                continue
            whole = False
            if state is Qt.CheckState.PartiallyChecked:
                group = item.text(0)
                for child in self._children(item):
                    if child.checkState(0) is Qt.CheckState.Checked:
                        chosen.append(f"{group}{CHILD_SEPARATOR}{child.text(0)}")
        return () if whole else tuple(chosen)
