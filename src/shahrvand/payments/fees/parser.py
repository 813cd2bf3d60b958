"""Recursive-descent parser of the fee language, lowest precedence first:

rule        := conditional END
conditional := or_expr [ "?" conditional ":" conditional ]
or_expr     := and_expr { "or" and_expr }            (also ||, یا)
and_expr    := not_expr { "and" not_expr }           (also &&, و)
not_expr    := "not" not_expr | comparison           (also !, نه)
comparison  := additive [ ("<"|"<="|">"|">="|"=="|"!=") additive ]   (no chains)
additive    := term { ("+"|"-") term }
term        := unary { ("*"|"/"|"%") unary }         (also ×, ÷)
unary       := ("-"|"+") unary | primary
primary     := NUMBER | STRING | "true" | "false" | NAME | NAME "(" args ")" | "(" conditional ")"
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import FeeError
from .tokens import Token, tokenize

MAX_DEPTH = 60
# name → (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    "min": (1, 50),
    "max": (1, 50),
    "round": (1, 2),
    "ceil": (1, 1),
    "floor": (1, 1),
    "abs": (1, 1),
}
_COMPARISONS = {"<", "<=", ">", ">=", "==", "!="}


@dataclass(frozen=True)
class Num:
    value: Decimal
    pos: int


@dataclass(frozen=True)
class Str:
    value: str
    pos: int


@dataclass(frozen=True)
class Bool:
    value: bool
    pos: int


@dataclass(frozen=True)
class Field:
    name: str
    pos: int


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node
    pos: int


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node
    pos: int


@dataclass(frozen=True)
class Conditional:
    test: Node
    then: Node
    otherwise: Node
    pos: int


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]
    pos: int


Node = Num | Str | Bool | Field | Unary | Binary | Conditional | Call


@dataclass(frozen=True)
class FeeRule:
    """A compiled fee rule: the source, its tree and the form fields it reads."""

    source: str
    tree: Node
    fields: frozenset[str]


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.fields: set[str] = set()

    @property
    def current(self) -> Token:
        return self.tokens[self.i]

    def accept(self, *ops: str) -> Token | None:
        token = self.current
        if token.kind == "op" and token.text in ops:
            self.i += 1
            return token
        return None

    def expect(self, op: str) -> Token:
        token = self.accept(op)
        if token is None:
            raise self.unexpected(f"«{op}»", repr(op))
        return token

    def unexpected(self, wanted_fa: str, wanted_en: str) -> FeeError:
        token = self.current
        if token.kind == "end":
            return FeeError(
                "fee_syntax",
                f"فرمول ناتمام است؛ {wanted_fa} انتظار می‌رفت.",
                f"Unexpected end of the rule; expected {wanted_en}.",
                position=token.pos,
            )
        return FeeError(
            "fee_syntax",
            f"«{token.text}» در این جا نابجاست؛ {wanted_fa} انتظار می‌رفت.",
            f"Unexpected {token.text!r}; expected {wanted_en}.",
            position=token.pos,
        )

    def rule(self) -> Node:
        if self.current.kind == "end":
            raise FeeError("fee_syntax", "فرمول هزینه خالی است.", "The fee rule is empty.")
        node = self.conditional()
        if self.current.kind != "end":
            raise self.unexpected("پایان فرمول یا یک عملگر", "an operator or the end")
        return node

    def conditional(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FeeError(
                "fee_syntax",
                "فرمول بیش از حد تودرتو است.",
                "The rule is nested too deeply.",
                position=self.current.pos,
            )
        node = self.or_expr()
        mark = self.accept("?")
        if mark is not None:
            then = self.conditional()
            self.expect(":")
            otherwise = self.conditional()
            node = Conditional(node, then, otherwise, mark.pos)
        self.depth -= 1
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while (token := self.accept("or")) is not None:
            node = Binary("or", node, self.and_expr(), token.pos)
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while (token := self.accept("and")) is not None:
            node = Binary("and", node, self.not_expr(), token.pos)
        return node

    def not_expr(self) -> Node:
        token = self.accept("not")
        if token is not None:
            return Unary("not", self.not_expr(), token.pos)
        return self.comparison()

    def comparison(self) -> Node:
        node = self.additive()
        token = self.accept(*_COMPARISONS)
        if token is not None:
            node = Binary(token.text, node, self.additive(), token.pos)
            if self.current.kind == "op" and self.current.text in _COMPARISONS:
                raise FeeError(
                    "fee_syntax",
                    "مقایسه‌های زنجیره‌ای (مانند a < b < c) مجاز نیست؛ از and استفاده کنید.",
                    "Chained comparisons (a < b < c) are not allowed; use and.",
                    position=self.current.pos,
                )
        return node

    def additive(self) -> Node:
        node = self.term()
        while (token := self.accept("+", "-")) is not None:
            node = Binary(token.text, node, self.term(), token.pos)
        return node

    def term(self) -> Node:
        node = self.unary()
        while (token := self.accept("*", "/", "%")) is not None:
            node = Binary(token.text, node, self.unary(), token.pos)
        return node

    def unary(self) -> Node:
        token = self.accept("-", "+")
        if token is not None:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise FeeError(
                    "fee_syntax",
                    "فرمول بیش از حد تودرتو است.",
                    "The rule is nested too deeply.",
                    position=token.pos,
                )
            node = Unary(token.text, self.unary(), token.pos)
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        token = self.current
        if token.kind == "num":
            self.i += 1
            return Num(token.number, token.pos)
        if token.kind == "str":
            self.i += 1
            return Str(token.text, token.pos)
        if self.accept("true"):
            return Bool(True, token.pos)
        if self.accept("false"):
            return Bool(False, token.pos)
        if self.accept("("):
            node = self.conditional()
            self.expect(")")
            return node
        if token.kind == "name":
            self.i += 1
            if self.accept("("):
                return self.call(token)
            self.fields.add(token.text)
            return Field(token.text, token.pos)
        raise self.unexpected("عدد، نام فیلد یا پرانتز", "a number, a field name or '('")

    def call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            allowed = ", ".join(sorted(FUNCTIONS))
            raise FeeError(
                "fee_unknown_function",
                f"تابع «{name.text}» شناخته نیست؛ توابع مجاز: {allowed}.",
                f"Unknown function {name.text!r}; allowed: {allowed}.",
                position=name.pos,
            )
        args: list[Node] = []
        if not self.accept(")"):
            args.append(self.conditional())
            while self.accept(","):
                args.append(self.conditional())
            self.expect(")")
        fewest, most = FUNCTIONS[name.text]
        if not fewest <= len(args) <= most:
            raise FeeError(
                "fee_syntax",
                f"تابع «{name.text}» با {len(args)} ورودی فراخوانده شده است.",
                f"Function {name.text!r} called with {len(args)} arguments.",
                position=name.pos,
            )
        return Call(name.text, tuple(args), name.pos)


def compile_fee(source: str, *, fields: set[str] | frozenset[str] | None = None) -> FeeRule:
    """Parse `source`; with `fields`, also refuse names that are not among them.

    Raises FeeError (a DomainError) with a Persian and an English message and the position.
    """
    parser = _Parser(tokenize(source))
    tree = parser.rule()
    if fields is not None:
        unknown = sorted(parser.fields - set(fields))
        if unknown:
            raise FeeError(
                "fee_unknown_field",
                f"فیلد «{unknown[0]}» در فرم این خدمت نیست.",
                f"Field {unknown[0]!r} is not in this service's form.",
                position=source.find(unknown[0]),
            )
    return FeeRule(source=source, tree=tree, fields=frozenset(parser.fields))
