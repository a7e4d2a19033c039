package dev.exporthub.testkit;

import net.jqwik.api.Label;

/** The engine laws on the default hub: an in-memory source and every writer on the class path. */
@Label("The engine laws hold for an in-memory source and the built-in writers")
class InMemoryEngineLaws extends EngineLaws {
}
