/** The demo's devices: meters behind gateways and analysers, published over MQTT as real ones do. */
package io.parkloop.launcher.simulator;
